"use client";

import { useActionState } from "react";
import { createDiscountCode } from "@/lib/actions/discounts";
import { initialFormState } from "@/lib/actions/state";
import { Field } from "../Field";
import { FormMessage } from "../FormMessage";
import { SubmitButton } from "../SubmitButton";

/** New discount code: percentage or a rupee amount off, with its optional minimum, dates and limits. */
export function DiscountCreateForm() {
  const [state, action] = useActionState(createDiscountCode, initialFormState);
  const errors = state.fieldErrors ?? {};
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={action} className="stack" key={state.ok ? state.message : "form"} aria-label="New discount code">
      <Field label="Code" name="code" required maxLength={32} hint="What shoppers type (any letter case), e.g. DIWALI10" defaultValue={values.code} error={errors.code} />
      <div className="field">
        <label htmlFor="discount-kind">Kind</label>
        <select id="discount-kind" name="kind" defaultValue={values.kind ?? "percentage"}>
          <option value="percentage">Percentage off</option>
          <option value="fixed">Amount off (₹)</option>
        </select>
      </div>
      <Field label="Value" name="value" inputMode="decimal" required hint="Percent (1-100), or rupees for an amount off" defaultValue={values.value} error={errors.value} />
      <Field label="Minimum order (₹)" name="min_order" inputMode="decimal" hint="Leave empty for none" defaultValue={values.min_order} error={errors.min_order} />
      <Field label="Starts" name="starts_at" type="datetime-local" hint="India time; empty: at once" defaultValue={values.starts_at} error={errors.starts_at} />
      <Field label="Ends" name="ends_at" type="datetime-local" hint="India time; empty: never" defaultValue={values.ends_at} error={errors.ends_at} />
      <Field label="Total uses" name="usage_limit" inputMode="numeric" hint="Empty: unlimited" defaultValue={values.usage_limit} error={errors.usage_limit} />
      <Field label="Uses per customer" name="per_customer_limit" inputMode="numeric" hint="Empty: unlimited" defaultValue={values.per_customer_limit} error={errors.per_customer_limit} />
      <Field label="Note for staff" name="description" maxLength={200} defaultValue={values.description} error={errors.description} />
      <SubmitButton pendingLabel="Creating…">Create code</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
