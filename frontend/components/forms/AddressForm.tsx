"use client";

import { useActionState } from "react";
import { placeOrder } from "@/lib/actions/checkout";
import { initialFormState } from "@/lib/actions/state";
import { Field } from "../Field";
import { FormMessage } from "../FormMessage";
import { SubmitButton } from "../SubmitButton";

export const INDIAN_STATES = [
  "Andhra Pradesh", "Arunachal Pradesh", "Assam", "Bihar", "Chhattisgarh", "Delhi", "Goa", "Gujarat", "Haryana",
  "Himachal Pradesh", "Jammu and Kashmir", "Jharkhand", "Karnataka", "Kerala", "Ladakh", "Madhya Pradesh",
  "Maharashtra", "Manipur", "Meghalaya", "Mizoram", "Nagaland", "Odisha", "Puducherry", "Punjab", "Rajasthan",
  "Sikkim", "Tamil Nadu", "Telangana", "Tripura", "Uttar Pradesh", "Uttarakhand", "West Bengal",
];

export function AddressForm({ idempotencyKey, defaultName, defaultPhone }: { idempotencyKey: string; defaultName: string; defaultPhone: string }) {
  const [state, action] = useActionState(placeOrder, initialFormState);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="form wide" noValidate aria-labelledby="address-heading">
      <h2 id="address-heading">Delivery address</h2>
      <FormMessage state={state} />
      <input type="hidden" name="idempotency_key" value={values.idempotency_key ?? idempotencyKey} />
      <Field label="Full name" name="name" autoComplete="name" defaultValue={values.name ?? defaultName} error={errors.name} required />
      <Field label="Address line 1" name="line1" autoComplete="address-line1" hint="House number and street" defaultValue={values.line1} error={errors.line1} required />
      <Field label="Address line 2 (optional)" name="line2" autoComplete="address-line2" defaultValue={values.line2} error={errors.line2} />
      <div className="field-row">
        <Field label="Town or city" name="city" autoComplete="address-level2" defaultValue={values.city} error={errors.city} required />
        <div className="field">
          <label htmlFor="field-state">State</label>
          <select id="field-state" name="state" autoComplete="address-level1" defaultValue={values.state ?? ""} aria-invalid={errors.state ? true : undefined} aria-describedby={errors.state ? "field-state-error" : undefined} required>
            <option value="" disabled>
              Choose…
            </option>
            {INDIAN_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          {errors.state ? (
            <span className="field-error" id="field-state-error">
              {errors.state}
            </span>
          ) : null}
        </div>
        <Field label="PIN code" name="postal_code" inputMode="numeric" autoComplete="postal-code" maxLength={6} defaultValue={values.postal_code} error={errors.postal_code} required />
      </div>
      <Field label="Phone" name="phone" type="tel" autoComplete="tel" hint="For the courier" defaultValue={values.phone ?? defaultPhone} error={errors.phone} required />
      <div className="field">
        <label htmlFor="field-note">Delivery note (optional)</label>
        <textarea id="field-note" name="note" rows={2} maxLength={500} defaultValue={values.note} />
      </div>
      <SubmitButton pendingLabel="Reserving your items…">Continue to payment</SubmitButton>
    </form>
  );
}
