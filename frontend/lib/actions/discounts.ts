"use server";

import { revalidatePath } from "next/cache";
import { unwrap } from "../api/errors";
import { getViewer, services } from "../api/server";
import { majorToMinor } from "../money";
import { failure, text, type FormState } from "./state";

/** Applies the typed code to the signed-in shopper's cart; the cart then shows the discount or why not. */
export async function applyDiscountCode(_: FormState, form: FormData): Promise<FormState> {
  const code = text(form, "code").trim();
  if (!code) return { fieldErrors: { code: "Enter a discount code." } };
  const viewer = await getViewer();
  if (!viewer) return { error: "Sign in or continue as a guest to use a discount code." };
  try {
    const api = await services();
    const cart = unwrap(
      await api.commerce.POST("/api/v1/cart/{user_id}/discount", {
        params: { path: { user_id: viewer.userId } },
        body: { code },
      }),
    );
    revalidatePath("/", "layout");
    const discount = cart.discount;
    if (discount && !discount.applied) return { ok: false, message: discount.message ?? `${discount.code} is saved.` };
    return { ok: true, message: `${discount?.code ?? code.toUpperCase()} applied.` };
  } catch (error) {
    return failure(error, { code });
  }
}

export async function removeDiscountCode(): Promise<FormState> {
  const viewer = await getViewer();
  if (!viewer) return {};
  try {
    const api = await services();
    unwrap(await api.commerce.DELETE("/api/v1/cart/{user_id}/discount", { params: { path: { user_id: viewer.userId } } }));
    revalidatePath("/", "layout");
    return { ok: true, message: "Discount code removed." };
  } catch (error) {
    return failure(error);
  }
}

async function requireAdmin(): Promise<void> {
  const viewer = await getViewer();
  if (viewer?.role !== "admin") throw new Error("admin only");
}

function optionalDate(form: FormData, name: string): string | undefined {
  const value = text(form, name).trim();
  // <input type="datetime-local"> has no zone: the shop's days are India's.
  return value ? `${value.length === 16 ? `${value}:00` : value}+05:30` : undefined;
}

function optionalWhole(form: FormData, name: string): number | undefined | null {
  const value = text(form, name).trim();
  if (!value) return undefined;
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : null;
}

/** Creates a discount code from the admin form; the service checks the terms and names a bad field. */
export async function createDiscountCode(_: FormState, form: FormData): Promise<FormState> {
  const values = {
    code: text(form, "code"),
    kind: text(form, "kind"),
    value: text(form, "value"),
    min_order: text(form, "min_order"),
    starts_at: text(form, "starts_at"),
    ends_at: text(form, "ends_at"),
    usage_limit: text(form, "usage_limit"),
    per_customer_limit: text(form, "per_customer_limit"),
    description: text(form, "description"),
  };
  const kind = values.kind === "fixed" ? "fixed" : "percentage";
  const amount = kind === "fixed" ? majorToMinor(values.value, "INR") : Number(values.value.trim() || Number.NaN);
  const minimum = values.min_order.trim() ? majorToMinor(values.min_order, "INR") : 0;
  const usageLimit = optionalWhole(form, "usage_limit");
  const perCustomer = optionalWhole(form, "per_customer_limit");
  const fieldErrors: Record<string, string> = {};
  if (!values.code.trim()) fieldErrors.code = "Enter the code shoppers will type, e.g. DIWALI10.";
  if (amount === undefined || !Number.isInteger(amount) || amount <= 0) {
    fieldErrors.value = kind === "fixed" ? "Enter an amount in rupees, e.g. 100 or 99.50." : "Enter a whole percentage from 1 to 100.";
  } else if (kind === "percentage" && amount > 100) {
    fieldErrors.value = "A percentage is at most 100.";
  }
  if (minimum === undefined) fieldErrors.min_order = "Enter an amount in rupees, or leave it empty.";
  if (usageLimit === null) fieldErrors.usage_limit = "Enter a whole number above 0, or leave it empty.";
  if (perCustomer === null) fieldErrors.per_customer_limit = "Enter a whole number above 0, or leave it empty.";
  if (Object.keys(fieldErrors).length > 0 || amount === undefined || minimum === undefined) {
    return { error: "Check the highlighted fields.", fieldErrors, values };
  }
  try {
    await requireAdmin();
    const api = await services();
    const created = unwrap(
      await api.commerce.POST("/api/v1/admin/discounts", {
        body: {
          code: values.code,
          kind,
          value: amount,
          min_order_amount: minimum,
          starts_at: optionalDate(form, "starts_at"),
          ends_at: optionalDate(form, "ends_at"),
          usage_limit: usageLimit ?? undefined,
          per_customer_limit: perCustomer ?? undefined,
          description: values.description.trim() || undefined,
        },
      }),
    );
    revalidatePath("/admin/discounts");
    return { ok: true, message: `${created.code} created.` };
  } catch (error) {
    return failure(error, values);
  }
}

export async function setDiscountActive(_: FormState, form: FormData): Promise<FormState> {
  const discountId = text(form, "discount_id");
  const active = text(form, "active") === "true";
  try {
    await requireAdmin();
    const api = await services();
    const discount = unwrap(
      await api.commerce.PATCH("/api/v1/admin/discounts/{discount_id}", {
        params: { path: { discount_id: discountId } },
        body: { active },
      }),
    );
    revalidatePath("/admin/discounts");
    return { ok: true, message: `${discount.code} is now ${discount.active ? "active" : "deactivated"}.` };
  } catch (error) {
    return failure(error);
  }
}
