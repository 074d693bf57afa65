"use client";

import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
// The pure entry loads Stripe.js only when loadStripe() runs, not on import: the offline card form never fetches it.
import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useActionState, useRef, useState } from "react";
import { finishStripePayment } from "@/lib/actions/checkout";
import { initialFormState } from "@/lib/actions/state";

const stripePromises = new Map<string, Promise<Stripe | null>>();

function stripeFor(publishableKey: string): Promise<Stripe | null> {
  let promise = stripePromises.get(publishableKey);
  if (!promise) {
    promise = loadStripe(publishableKey);
    stripePromises.set(publishableKey, promise);
  }
  return promise;
}

interface FormProps {
  orderId: string;
  transactionId: string;
  amountLabel: string;
}

function PaymentElementForm({ orderId, transactionId, amountLabel }: FormProps) {
  const stripe = useStripe();
  const elements = useElements();
  const [state, action, pending] = useActionState(finishStripePayment, initialFormState);
  const [stripeError, setStripeError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmed = useRef(false);
  const form = useRef<HTMLFormElement>(null);

  // Stripe.js confirms the PaymentIntent (3-D Secure in its own frame; redirect methods leave for return_url and
  // come back to the confirmation page); then the server action asks the payment service for the outcome.
  async function confirm(event: React.FormEvent<HTMLFormElement>) {
    if (confirmed.current) return;
    event.preventDefault();
    if (!stripe || !elements) return;
    setConfirming(true);
    const returnUrl = new URL(`/orders/${orderId}/confirmation`, window.location.origin);
    returnUrl.searchParams.set("payment", transactionId);
    const { error } = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: returnUrl.toString() },
      redirect: "if_required",
    });
    setConfirming(false);
    if (error) {
      setStripeError(error.message ?? "The payment did not go through. Please try another card.");
      return;
    }
    setStripeError(null);
    confirmed.current = true;
    form.current?.requestSubmit();
    confirmed.current = false;
  }

  const message = stripeError ?? state.error;
  const busy = confirming || pending;
  return (
    <form ref={form} action={action} onSubmit={confirm} className="card-form" aria-labelledby="card-heading" data-testid="stripe-payment-form">
      <h2 id="card-heading">Pay by card</h2>
      {message ? (
        <div className="notice error" role="alert" data-testid="payment-error">
          {message}
        </div>
      ) : null}
      <input type="hidden" name="order_id" value={orderId} />
      <input type="hidden" name="transaction_id" value={transactionId} />
      <PaymentElement options={{ layout: "tabs" }} onChange={() => setStripeError(null)} />
      <button type="submit" className="button wide" disabled={!stripe || !elements || busy}>
        {busy ? "Paying…" : `Pay ${amountLabel}`}
      </button>
    </form>
  );
}

/** Stripe's Payment Element on the order's PaymentIntent; only in Stripe mode (lib/payment-mode.ts). */
export function StripePaymentForm({ publishableKey, clientSecret, ...props }: FormProps & { publishableKey: string; clientSecret: string }) {
  return (
    <Elements stripe={stripeFor(publishableKey)} options={{ clientSecret, appearance: { theme: "stripe" } }}>
      <PaymentElementForm {...props} />
    </Elements>
  );
}
