"use client";

import { useActionState } from "react";
import { applyDiscountCode, removeDiscountCode } from "@/lib/actions/discounts";
import { initialFormState } from "@/lib/actions/state";
import type { CartDiscountView } from "@/lib/api/cart";
import { FormMessage } from "./FormMessage";
import { SubmitButton } from "./SubmitButton";

/** The cart's discount code: type one to apply it, see why it does not apply (yet), remove it. */
export function DiscountCodeForm({ discount }: { discount: CartDiscountView | null }) {
  const [applied, apply] = useActionState(applyDiscountCode, initialFormState);
  const [removed, remove] = useActionState(removeDiscountCode, initialFormState);
  const error = applied.fieldErrors?.code;
  return (
    <div className="discount-code">
      {discount ? (
        <form action={remove} className="inline-form">
          <p data-testid="discount-status" role="status">
            <strong>{discount.code}</strong> {discount.applied ? "applied" : "not applied"}
            {discount.message ? `: ${discount.message}` : "."}
          </p>
          <SubmitButton className="link-button" pendingLabel="Removing…">
            Remove code
          </SubmitButton>
        </form>
      ) : null}
      <form action={apply} className="inline-form">
        <label htmlFor="discount-code">Discount code</label>
        <input
          id="discount-code"
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={32}
          defaultValue={applied.values?.code ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "discount-code-error" : undefined}
        />
        <SubmitButton className="button small" pendingLabel="Applying…">
          Apply
        </SubmitButton>
        {error ? (
          <span className="field-error" id="discount-code-error">
            {error}
          </span>
        ) : null}
      </form>
      <FormMessage state={applied.error || applied.message ? applied : removed} />
    </div>
  );
}
