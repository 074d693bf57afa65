"use client";

import { lazy, Suspense, type ComponentProps } from "react";

/**
 * The Stripe card form in a chunk of its own, fetched only when this renders (the Stripe provider): the offline
 * card form's pay page ships neither @stripe/react-stripe-js nor the Stripe.js loader, and Stripe.js itself is
 * injected only by loadStripe() inside the form.
 */
const StripePaymentForm = lazy(() => import("./StripePaymentForm").then((module) => ({ default: module.StripePaymentForm })));

export function StripePaymentLoader(props: ComponentProps<typeof StripePaymentForm>) {
  return (
    <Suspense
      fallback={
        <section className="card-form" aria-labelledby="card-heading" aria-busy="true">
          <h2 id="card-heading">Pay by card</h2>
          <p className="muted" role="status">
            Loading the secure card form…
          </p>
        </section>
      }
    >
      <StripePaymentForm {...props} />
    </Suspense>
  );
}
