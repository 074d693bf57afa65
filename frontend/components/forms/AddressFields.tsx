import type { FieldErrors } from "@/lib/validation";
import { INDIAN_STATES, UNION_TERRITORIES } from "@/lib/india";
import { Field } from "../Field";

export interface AddressValues {
  name?: string;
  line1?: string;
  line2?: string | null;
  city?: string;
  state?: string;
  postal_code?: string;
  phone?: string;
}

/** The delivery address inputs, shared by checkout and the address book; `idPrefix` keeps ids unique per form. */
export function AddressFields({ values, errors, idPrefix = "field" }: { values: AddressValues; errors: FieldErrors; idPrefix?: string }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <Field id={id("name")} label="Full name" name="name" autoComplete="name" defaultValue={values.name} error={errors.name} required />
      <Field id={id("line1")} label="Address line 1" name="line1" autoComplete="address-line1" hint="House number and street" defaultValue={values.line1} error={errors.line1} required />
      <Field id={id("line2")} label="Address line 2 (optional)" name="line2" autoComplete="address-line2" defaultValue={values.line2 ?? ""} error={errors.line2} />
      <div className="field-row">
        <Field id={id("city")} label="Town or city" name="city" autoComplete="address-level2" defaultValue={values.city} error={errors.city} required />
        <div className="field">
          <label htmlFor={id("state")}>State</label>
          <select
            id={id("state")}
            name="state"
            autoComplete="address-level1"
            defaultValue={values.state ?? ""}
            aria-invalid={errors.state ? true : undefined}
            aria-describedby={errors.state ? `${id("state")}-error` : undefined}
            required
          >
            <option value="" disabled>
              Choose…
            </option>
            <optgroup label="States">
              {INDIAN_STATES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Union territories">
              {UNION_TERRITORIES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </optgroup>
          </select>
          {errors.state ? (
            <span className="field-error" id={`${id("state")}-error`}>
              {errors.state}
            </span>
          ) : null}
        </div>
        <Field
          id={id("postal_code")}
          label="PIN code"
          name="postal_code"
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={6}
          pattern="[1-9][0-9]{5}"
          defaultValue={values.postal_code}
          error={errors.postal_code}
          required
        />
      </div>
      <Field id={id("phone")} label="Phone" name="phone" type="tel" autoComplete="tel" hint="For the courier" defaultValue={values.phone} error={errors.phone} required />
    </>
  );
}
