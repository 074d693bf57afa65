"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { GUEST_CART_COOKIE, mergeGuestCart, readGuestCart } from "../api/cart";
import { declineMessage, paymentOutcome } from "../api/orders";
import { lapsedDiscountCode } from "../discounts";
import { refreshPayment } from "../api/payments";
import { unwrap } from "../api/errors";
import { createServices } from "../api/http";
import { getViewer, passOnCookies, services } from "../api/server";
import { parseCard, validateAddress, validateEmail, type AddressInput } from "../validation";
import { failure, text, type FormState } from "./state";

const ADDRESS_FIELDS = ["name", "line1", "line2", "city", "state", "postal_code", "phone"] as const;

/**
 * "Continue as guest": core starts a guest session for the typed address (its access cookie only), and the cart
 * kept in the browser's cookie moves into the guest's cart on the server, as it does when a shopper signs in.
 */
export async function continueAsGuest(_: FormState, form: FormData): Promise<FormState> {
  const email = text(form, "email").trim();
  const emailError = validateEmail(email);
  if (emailError) return { fieldErrors: { email: emailError }, values: { email } };
  try {
    const api = await services();
    const result = await api.core.POST("/api/v1/auth/guest", { body: { email } });
    const guest = unwrap(result);
    await passOnCookies(result.response);
    const lines = await readGuestCart();
    if (lines.length > 0) {
      await mergeGuestCart(createServices({ accessToken: guest.access_token }), guest.guest_id, lines);
      (await cookies()).delete(GUEST_CART_COOKIE);
    }
  } catch (error) {
    return failure(error, { email });
  }
  revalidatePath("/", "layout");
  redirect("/checkout");
}

/** "Save this address": best effort after the order is placed; a full book or an outage never blocks buying. */
async function saveToAddressBook(address: AddressInput): Promise<void> {
  const viewer = await getViewer();
  if (!viewer || viewer.role === "guest") return;
  try {
    const api = await services();
    const result = await api.commerce.POST("/api/v1/addresses/{user_id}", {
      params: { path: { user_id: viewer.userId } },
      body: { ...address, line2: address.line2 || null, country: "IN" },
    });
    if (result.error) console.error("saving the address failed", result.response.status);
  } catch (error) {
    console.error("saving the address failed", error);
  }
}

export async function placeOrder(_: FormState, form: FormData): Promise<FormState> {
  const address = Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, text(form, field).trim()])) as unknown as AddressInput;
  const saveAddress = text(form, "save_address") === "on";
  const values = { ...address, note: text(form, "note").trim(), saved_address: text(form, "saved_address"), save_address: saveAddress ? "on" : "" };
  const fieldErrors = validateAddress(address);
  // A corrected retry is a new checkout: it gets a fresh key; a double submit of one form reuses its key.
  const retry = { ...values, idempotency_key: crypto.randomUUID() };
  if (Object.keys(fieldErrors).length) return { error: "Please check the address.", fieldErrors, values: retry };
  const idempotencyKey = text(form, "idempotency_key");
  let orderId: string;
  let lapsedDiscount = "";
  try {
    const api = await services();
    const order = unwrap(
      await api.commerce.POST("/api/v1/orders", {
        params: { header: { "Idempotency-Key": idempotencyKey } },
        body: {
          shipping_address: { ...address, line2: address.line2 || null, country: "IN" },
          note: values.note || null,
        },
      }),
    );
    orderId = order.id;
    lapsedDiscount = lapsedDiscountCode(text(form, "applied_discount"), order.discount_code);
  } catch (error) {
    return failure(error, retry);
  }
  if (saveAddress) await saveToAddressBook(address);
  revalidatePath("/", "layout");
  // Commerce re-checks the code when the order is placed: one that lapsed since the checkout page was shown (expired,
  // used up, switched off) leaves the order at full price, and the payment page says so before anything is paid.
  redirect(`/orders/${orderId}/pay${lapsedDiscount ? `?discount_lapsed=${encodeURIComponent(lapsedDiscount)}` : ""}`);
}

export async function payOrder(_: FormState, form: FormData): Promise<FormState> {
  const orderId = text(form, "order_id");
  const paymentMethodId = text(form, "payment_method_id");
  const values = { expiry: text(form, "expiry") };
  let method: { payment_method: NonNullable<ReturnType<typeof parseCard>["card"]> } | { payment_method_id: string };
  if (paymentMethodId) {
    method = { payment_method_id: paymentMethodId };
  } else {
    const { card, errors } = parseCard({ number: text(form, "card_number"), expiry: values.expiry, cvc: text(form, "cvc") });
    if (!card) return { error: "Please check the card details.", fieldErrors: errors, values };
    method = { payment_method: card };
  }
  let transactionId: string;
  try {
    const api = await services();
    const payment = unwrap(
      await api.payment.POST("/api/v1/payments/process", {
        body: { order_id: orderId, billing_country: "IN", ...method },
      }),
    );
    const outcome = paymentOutcome(payment);
    if (outcome.tone !== "success" && outcome.tone !== "pending") {
      return { error: outcome.message, values: { ...values, status: payment.status } };
    }
    transactionId = payment.transaction_id;
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath("/orders");
  redirect(`/orders/${orderId}/confirmation?payment=${encodeURIComponent(transactionId)}`);
}

/** After Stripe.js confirmed the order's PaymentIntent: the payment service reads its outcome from Stripe. */
export async function finishStripePayment(_: FormState, form: FormData): Promise<FormState> {
  const orderId = text(form, "order_id");
  const transactionId = text(form, "transaction_id");
  try {
    const payment = await refreshPayment(transactionId);
    if (!payment) return { error: "We could not find this payment; reload the page and try again." };
    const outcome = paymentOutcome(payment);
    if (outcome.tone !== "success" && outcome.tone !== "pending") {
      return { error: payment.status === "failed" ? declineMessage(payment.failure_code, payment.failure_message) : outcome.message };
    }
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/orders");
  redirect(`/orders/${orderId}/confirmation?payment=${encodeURIComponent(transactionId)}`);
}

export async function cancelOrder(form: FormData): Promise<void> {
  const orderId = text(form, "order_id");
  const api = await services();
  unwrap(await api.commerce.POST("/api/v1/orders/{order_id}/cancel", { params: { path: { order_id: orderId } } }));
  revalidatePath(`/orders/${orderId}`);
  redirect(`/orders/${orderId}`);
}
