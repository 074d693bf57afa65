"use client";

import { useActionState } from "react";
import { payOrder } from "@/lib/actions/checkout";
import { initialFormState } from "@/lib/actions/state";
import { Field } from "../Field";
import { SubmitButton } from "../SubmitButton";

/** The offline provider's card form: number, MM/YY, CVC; declines and 3-D Secure shown in place. */
export function CardPaymentForm({ orderId, amountLabel, showTestCards }: { orderId: string; amountLabel: string; showTestCards: boolean }) {
  const [state, action] = useActionState(payOrder, initialFormState);
  const errors = state.fieldErrors ?? {};
  const needsAction = state.values?.status === "requires_action";
  return (
    <form action={action} className="card-form" noValidate aria-labelledby="card-heading">
      <h2 id="card-heading">Pay by card</h2>
      {state.error ? (
        <div className={`notice ${needsAction ? "action" : "error"}`} role="alert" data-testid="payment-error">
          {state.error}
        </div>
      ) : null}
      <input type="hidden" name="order_id" value={orderId} />
      <Field label="Card number" name="card_number" inputMode="numeric" autoComplete="cc-number" placeholder="1234 1234 1234 1234" error={errors.number} required />
      <div className="field-row">
        <Field label="Expiry (MM/YY)" name="expiry" autoComplete="cc-exp" placeholder="MM/YY" defaultValue={state.values?.expiry} error={errors.expiry} required />
        <Field label="CVC" name="cvc" inputMode="numeric" autoComplete="cc-csc" maxLength={4} error={errors.cvc} required />
      </div>
      <SubmitButton className="button wide" pendingLabel="Paying…">{`Pay ${amountLabel}`}</SubmitButton>
      {showTestCards ? (
        <p className="test-cards">
          Test mode. Cards: <code>4242 4242 4242 4242</code> pays, <code>4000 0000 0000 0002</code> is declined,{" "}
          <code>4000 0000 0000 9995</code> has insufficient funds, <code>4000 0025 0000 3155</code> asks for 3-D Secure. Any
          future date and any CVC.
        </p>
      ) : null}
    </form>
  );
}
