"use client";

import { CardElement, Elements, useElements, useStripe } from "@stripe/react-stripe-js";
// The pure entry loads Stripe.js only when loadStripe() runs, not on import: the offline card form never fetches it.
import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useActionState, useRef, useState } from "react";
import { payOrder } from "@/lib/actions/checkout";
import { initialFormState } from "@/lib/actions/state";

let stripePromise: Promise<Stripe | null> | null = null;

function StripeCard({ orderId, amountLabel }: { orderId: string; amountLabel: string }) {
  const stripe = useStripe();
  const elements = useElements();
  const [state, action, pending] = useActionState(payOrder, initialFormState);
  const [cardError, setCardError] = useState<string | null>(null);
  const methodInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);

  async function tokenize(event: React.FormEvent<HTMLFormElement>) {
    if (methodInput.current?.value) return;
    event.preventDefault();
    const card = elements?.getElement(CardElement);
    if (!stripe || !card) return;
    const { paymentMethod, error } = await stripe.createPaymentMethod({ type: "card", card });
    if (error || !paymentMethod) {
      setCardError(error?.message ?? "The card could not be read.");
      return;
    }
    setCardError(null);
    if (methodInput.current) methodInput.current.value = paymentMethod.id;
    form.current?.requestSubmit();
  }

  const message = cardError ?? state.error;
  return (
    <form ref={form} action={action} onSubmit={tokenize} className="card-form" aria-labelledby="card-heading">
      <h2 id="card-heading">Pay by card</h2>
      {message ? (
        <div className="notice error" role="alert" data-testid="payment-error">
          {message}
        </div>
      ) : null}
      <input type="hidden" name="order_id" value={orderId} />
      <input ref={methodInput} type="hidden" name="payment_method_id" defaultValue="" />
      <div className="field">
        <span id="card-label">Card details</span>
        <div className="input" aria-labelledby="card-label">
          <CardElement options={{ hidePostalCode: true }} onChange={() => methodInput.current && (methodInput.current.value = "")} />
        </div>
      </div>
      <button type="submit" className="button wide" disabled={!stripe || pending}>
        {pending ? "Paying…" : `Pay ${amountLabel}`}
      </button>
    </form>
  );
}

/** Stripe Elements, used only when NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is set. */
export function StripePaymentForm({ publishableKey, orderId, amountLabel }: { publishableKey: string; orderId: string; amountLabel: string }) {
  stripePromise ??= loadStripe(publishableKey);
  return (
    <Elements stripe={stripePromise}>
      <StripeCard orderId={orderId} amountLabel={amountLabel} />
    </Elements>
  );
}
