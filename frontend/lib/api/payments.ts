/** Stripe's Payment Element from the server's side: the order's PaymentIntent, and its outcome afterwards. */
import type { CardForm } from "../payment-mode";
import { ApiError, unwrap } from "./errors";
import { paymentOutcome } from "./orders";
import type { Payment } from "./schema";
import { services } from "./server";

/** What the pay page shows in the card column. */
export type PaymentPanel =
  | { kind: "stripe"; publishableKey: string; clientSecret: string; transactionId: string }
  | { kind: "offline"; showTestCards: boolean }
  | { kind: "unconfigured" }
  | { kind: "refused"; message: string }
  | { kind: "settled"; transactionId: string };

/** The order's open PaymentIntent (opened once per order by the payment service; never charges anything). */
export async function openPaymentIntent(orderId: string): Promise<Payment> {
  const api = await services();
  return unwrap(
    await api.payment.POST("/api/v1/payments/intents", {
      // A fresh key per page: the service hands back the order's open intent to every one of them.
      params: { header: { "Idempotency-Key": crypto.randomUUID() } },
      body: { order_id: orderId, billing_country: "IN" },
    }),
  );
}

/** Reads the payment's state from Stripe and records it (after Stripe.js confirmed it, or a redirect back). */
export async function refreshPayment(transactionId: string): Promise<Payment | null> {
  const api = await services();
  const result = await api.payment.POST("/api/v1/payments/{transaction_id}/refresh", {
    params: { path: { transaction_id: transactionId } },
  });
  if (result.response.status === 404) return null;
  return unwrap(result);
}

export function notConfigured(problem: string): PaymentPanel {
  console.error(`payment: card payments are not configured: ${problem}`);
  return { kind: "unconfigured" };
}

export async function paymentPanel(form: CardForm, orderId: string): Promise<PaymentPanel> {
  if (form.kind === "offline") return form;
  if (form.kind === "unconfigured") return notConfigured(form.problem);
  let payment: Payment;
  try {
    payment = await openPaymentIntent(orderId);
  } catch (error) {
    if (error instanceof ApiError && error.code === "payment_element_unavailable") {
      return notConfigured("the storefront is in Stripe mode (PAYMENT_PROVIDER=stripe) but the payment service is not");
    }
    if (error instanceof ApiError && !error.isUnauthenticated) return { kind: "refused", message: error.message };
    throw error;
  }
  if (payment.client_secret && (payment.status === "requires_payment_method" || payment.status === "requires_action")) {
    return { kind: "stripe", publishableKey: form.publishableKey, clientSecret: payment.client_secret, transactionId: payment.transaction_id };
  }
  const outcome = paymentOutcome(payment);
  if (outcome.tone === "success" || outcome.tone === "pending") return { kind: "settled", transactionId: payment.transaction_id };
  return { kind: "refused", message: outcome.message };
}
