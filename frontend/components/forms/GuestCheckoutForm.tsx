"use client";

import Link from "next/link";
import { useActionState } from "react";
import { continueAsGuest } from "@/lib/actions/checkout";
import { initialFormState } from "@/lib/actions/state";
import { Field } from "../Field";
import { FormMessage } from "../FormMessage";
import { SubmitButton } from "../SubmitButton";

/** Checkout for a signed-out shopper: sign in (or create an account), or continue as a guest with an e-mail address. */
export function GuestCheckoutForm() {
  const [state, action] = useActionState(continueAsGuest, initialFormState);
  return (
    <div className="checkout-choice">
      <section className="panel" aria-labelledby="guest-heading">
        <h2 id="guest-heading">Continue as guest</h2>
        <p className="muted">No account needed: we send the order and its updates to your e-mail address.</p>
        <form action={action} className="form" noValidate>
          <FormMessage state={state} />
          <Field
            id="guest-email"
            label="E-mail address"
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={state.values?.email}
            error={state.fieldErrors?.email}
            required
          />
          <SubmitButton pendingLabel="Starting checkout…">Continue as guest</SubmitButton>
        </form>
      </section>
      <section className="panel" aria-labelledby="account-heading">
        <h2 id="account-heading">Have an account?</h2>
        <p className="muted">Sign in to use your saved addresses and see all your orders.</p>
        <p className="filter-actions">
          <Link className="button secondary" href="/login?next=/checkout">
            Sign in
          </Link>
          <Link href="/register?next=/checkout">Create an account</Link>
        </p>
      </section>
    </div>
  );
}
