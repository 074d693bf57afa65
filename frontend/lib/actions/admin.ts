"use server";

import { revalidatePath } from "next/cache";
import { ApiError, unwrap } from "../api/errors";
import { getViewer, services } from "../api/server";
import { majorToMinor } from "../money";
import { shipmentErrors } from "../shipping";
import { refundMessage, refundRefusal } from "../status";
import { failure, text, type FormState } from "./state";

async function requireAdmin(): Promise<void> {
  const viewer = await getViewer();
  if (viewer?.role !== "admin") throw new Error("admin only");
}

export async function setUserActive(_: FormState, form: FormData): Promise<FormState> {
  const userId = text(form, "user_id");
  const active = text(form, "active") === "true";
  try {
    await requireAdmin();
    const api = await services();
    const path = { params: { path: { user_id: userId } } };
    const user = unwrap(
      active
        ? await api.core.PATCH("/api/v1/admin/users/{user_id}/activate", path)
        : await api.core.PATCH("/api/v1/admin/users/{user_id}/deactivate", path),
    );
    revalidatePath("/admin/users");
    return { ok: true, message: `${user.email} is now ${user.is_active ? "active" : "deactivated"}.` };
  } catch (error) {
    return failure(error);
  }
}

export async function adjustStock(_: FormState, form: FormData): Promise<FormState> {
  const productId = text(form, "product_id");
  const variantId = text(form, "variant_id");
  const delta = Number.parseInt(text(form, "delta"), 10);
  const reason = text(form, "reason").trim();
  if (!Number.isInteger(delta) || delta === 0) return { fieldErrors: { delta: "Enter a whole number other than 0." } };
  if (!reason) return { fieldErrors: { reason: "Say why the stock changes." } };
  try {
    await requireAdmin();
    const api = await services();
    const stock = unwrap(
      await api.commerce.POST("/api/v1/products/{product_id}/variants/{variant_id}/stock", {
        params: { path: { product_id: productId, variant_id: variantId } },
        body: { delta, reason },
      }),
    );
    revalidatePath(`/admin/products/${productId}`);
    return { ok: true, message: `${stock.sku}: ${stock.on_hand} on hand, ${stock.available} available.` };
  } catch (error) {
    return failure(error);
  }
}

/** A variant's low-stock threshold: the dashboard, the metric and its alert count it as running low at or below. */
export async function setLowStockThreshold(_: FormState, form: FormData): Promise<FormState> {
  const productId = text(form, "product_id");
  const variantId = text(form, "variant_id");
  const raw = text(form, "low_stock_threshold").trim();
  const threshold = /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(threshold) || threshold > 1_000_000) {
    return { fieldErrors: { low_stock_threshold: "Enter a whole number of units, 0 or more (0: only when sold out)." } };
  }
  try {
    await requireAdmin();
    const api = await services();
    const stock = unwrap(
      await api.commerce.PATCH("/api/v1/products/{product_id}/variants/{variant_id}/stock", {
        params: { path: { product_id: productId, variant_id: variantId } },
        body: { low_stock_threshold: threshold },
      }),
    );
    revalidatePath(`/admin/products/${productId}`);
    revalidatePath("/admin");
    return {
      ok: true,
      message: `${stock.sku}: running low at ${stock.low_stock_threshold} or fewer${stock.low_stock ? " (it is now)" : ""}.`,
    };
  } catch (error) {
    return failure(error);
  }
}

export async function setProductStatus(_: FormState, form: FormData): Promise<FormState> {
  const productId = text(form, "product_id");
  const status = text(form, "status") === "active" ? "active" : "draft";
  try {
    await requireAdmin();
    const api = await services();
    unwrap(
      await api.commerce.PATCH("/api/v1/products/{product_id}", {
        params: { path: { product_id: productId } },
        body: { status },
      }),
    );
    revalidatePath("/admin/products");
    return { ok: true, message: status === "active" ? "Published." : "Hidden from the shop." };
  } catch (error) {
    return failure(error);
  }
}

export async function refundPayment(_: FormState, form: FormData): Promise<FormState> {
  const transactionId = text(form, "transaction_id");
  const amountText = text(form, "amount").trim();
  const amount = amountText ? majorToMinor(amountText) : undefined;
  if (amountText && (amount === undefined || amount <= 0)) return { fieldErrors: { amount: "Enter an amount in rupees." } };
  try {
    await requireAdmin();
    const api = await services();
    const refund = unwrap(
      await api.payment.POST("/api/v1/payments/{transaction_id}/refund", {
        params: { path: { transaction_id: transactionId } },
        body: { amount: amount ?? null, reason: "requested_by_customer", note: text(form, "note").trim() || null },
      }),
    );
    revalidatePath("/admin/orders");
    return { ok: true, message: `${refundMessage(refund)}.` };
  } catch (error) {
    if (error instanceof ApiError && error.code === "order_refuses_refund") {
      const reason = (error.details as { reason?: unknown } | null)?.reason;
      return { error: refundRefusal(reason) };
    }
    return failure(error);
  }
}

export async function decideFraudReview(_: FormState, form: FormData): Promise<FormState> {
  const paymentId = text(form, "payment_id");
  const action = text(form, "action") === "reject" ? "reject" : "approve";
  try {
    await requireAdmin();
    const api = await services();
    unwrap(
      await api.payment.POST("/api/v1/payments/admin/fraud-reviews/{payment_id}/decision", {
        params: { path: { payment_id: paymentId } },
        body: { action, note: text(form, "note").trim() || null },
      }),
    );
    revalidatePath("/admin/fraud");
    return { ok: true, message: action === "approve" ? "Approved." : "Rejected and refunded." };
  } catch (error) {
    return failure(error);
  }
}

export async function fulfilOrder(_: FormState, form: FormData): Promise<FormState> {
  const orderId = text(form, "order_id");
  const carrier = text(form, "carrier").trim();
  const trackingNumber = text(form, "tracking_number").trim();
  const fieldErrors = shipmentErrors(carrier, trackingNumber);
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors };
  try {
    await requireAdmin();
    const api = await services();
    unwrap(
      await api.commerce.POST("/api/v1/orders/{order_id}/fulfil", {
        params: { path: { order_id: orderId } },
        body: { carrier, tracking_number: trackingNumber },
      }),
    );
    revalidatePath(`/admin/orders/${orderId}`);
    return { ok: true, message: `Marked as shipped with ${carrier} (${trackingNumber}); the shopper is e-mailed.` };
  } catch (error) {
    return failure(error);
  }
}
