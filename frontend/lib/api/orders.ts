/** Orders and their payments as the shopper (or an admin) sees them. */
import { ApiError, unwrap } from "./errors";
import type { Order, OrderPage, Payment } from "./schema";
import { services } from "./server";

/** The labels live with the other status words in lib/status.ts; kept here for existing imports. */
export { ORDER_STATUS_LABELS } from "../status";

export function isPayable(order: Pick<Order, "status" | "expires_at">, now = Date.now()): boolean {
  return order.status === "pending" && new Date(order.expires_at).getTime() > now;
}

export async function listOrders(userId: string, page = 1): Promise<OrderPage> {
  const api = await services();
  return unwrap(
    await api.commerce.GET("/api/v1/orders/{user_id}", {
      params: { path: { user_id: userId }, query: { page, page_size: 10 } },
    }),
  );
}

export async function findOrder(orderId: string): Promise<Order | null> {
  const api = await services();
  const result = await api.commerce.GET("/api/v1/orders/{order_id}/details", {
    params: { path: { order_id: orderId } },
  });
  if (result.response.status === 404 || result.response.status === 422) return null;
  return unwrap(result);
}

export async function paymentsOf(orderId: string): Promise<Payment[]> {
  const api = await services();
  try {
    return unwrap(await api.payment.GET("/api/v1/payments", { params: { query: { order_id: orderId } } }));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status >= 500)) return [];
    throw error;
  }
}

export async function paymentStatus(transactionId: string): Promise<Payment | null> {
  const api = await services();
  const result = await api.payment.GET("/api/v1/payments/{transaction_id}/status", {
    params: { path: { transaction_id: transactionId } },
  });
  if (result.response.status === 404) return null;
  return unwrap(result);
}

/** What the shopper reads after a payment attempt. */
export function paymentOutcome(payment: Pick<Payment, "status" | "failure_code" | "failure_message">): {
  tone: "success" | "error" | "action" | "pending";
  message: string;
} {
  switch (payment.status) {
    case "succeeded":
    case "partially_refunded":
    case "refunded":
      return { tone: "success", message: "Payment received." };
    case "requires_action":
      return {
        tone: "action",
        message:
          "Your bank asks for 3-D Secure confirmation for this card, which this checkout cannot complete. Please use another card.",
      };
    case "processing":
      return { tone: "pending", message: "Your payment is being processed." };
    case "requires_payment_method":
      return { tone: "action", message: "This payment is waiting for your card details." };
    case "blocked":
      return {
        tone: "error",
        message: "We could not accept this payment. Please try another card or contact us.",
      };
    default:
      return {
        tone: "error",
        message: declineMessage(payment.failure_code, payment.failure_message),
      };
  }
}

const DECLINES: Record<string, string> = {
  card_declined: "Your card was declined. Please use another card.",
  insufficient_funds: "Your card has insufficient funds. Please use another card.",
  expired_card: "Your card has expired. Please use another card.",
  incorrect_cvc: "The security code (CVC) is wrong.",
  processing_error: "The card could not be charged because of a processing error. Please try again.",
};

export function declineMessage(code: string | null, message: string | null): string {
  return (code && DECLINES[code]) || message || "The payment did not go through. Please try another card.";
}
