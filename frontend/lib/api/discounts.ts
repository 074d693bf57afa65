/** Discount codes as staff manage them (commerce's /api/v1/admin/discounts). */
import { unwrap } from "./errors";
import type { Discount, DiscountPage } from "./schema";
import { formatMoney } from "../money";
import { services } from "./server";

export async function listDiscounts(query: { q?: string; page?: number }): Promise<DiscountPage> {
  const api = await services();
  return unwrap(
    await api.commerce.GET("/api/v1/admin/discounts", {
      params: { query: { q: query.q || undefined, page: query.page ?? 1, page_size: 20 } },
    }),
  );
}

/** "10% off" or "₹100 off", and the conditions, as staff read them in the list. */
export function describeDiscount(discount: Discount): string {
  const off = discount.kind === "percentage" ? `${discount.value}% off` : `${formatMoney(discount.value, discount.currency)} off`;
  const parts = [off];
  if (discount.min_order_amount > 0) parts.push(`orders from ${formatMoney(discount.min_order_amount, discount.currency)}`);
  if (discount.per_customer_limit) parts.push(`${discount.per_customer_limit} per customer`);
  return parts.join(" · ");
}

export const DISCOUNT_STATUS_LABELS: Record<Discount["status"], string> = {
  active: "Active",
  scheduled: "Scheduled",
  expired: "Expired",
  used_up: "Used up",
  inactive: "Deactivated",
};
