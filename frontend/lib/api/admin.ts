/** What the admin pages read from commerce and payment. */
import { unwrap } from "./errors";
import type { FraudReviewPage, StaffOrderPage, StaffOrdersQuery, StockReport } from "./schema";
import { services } from "./server";

export async function stockOf(productId: string, variantId: string): Promise<StockReport> {
  const api = await services();
  return unwrap(
    await api.commerce.GET("/api/v1/products/{product_id}/variants/{variant_id}/stock", {
      params: { path: { product_id: productId, variant_id: variantId } },
    }),
  );
}

export async function fraudReviews(page = 1, openOnly = true): Promise<FraudReviewPage> {
  const api = await services();
  return unwrap(
    await api.payment.GET("/api/v1/payments/admin/fraud-reviews", {
      params: { query: { page, page_size: 20, review_status: openOnly ? "open" : undefined } },
    }),
  );
}

/** Every customer's orders, newest first, narrowed by the staff list's filters (commerce, admins only). */
export async function staffOrders(query: StaffOrdersQuery): Promise<StaffOrderPage> {
  const api = await services();
  return unwrap(await api.commerce.GET("/api/v1/admin/orders", { params: { query } }));
}

/** The orders to ship (paid or partly refunded, not shipped), the longest paid first. */
export async function shippingQueue(page = 1, pageSize = 25): Promise<StaffOrderPage> {
  const api = await services();
  return unwrap(
    await api.commerce.GET("/api/v1/admin/orders/shipping-queue", { params: { query: { page, page_size: pageSize } } }),
  );
}
