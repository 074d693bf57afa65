"use client";

import { useActionState, useState } from "react";
import { placeOrder } from "@/lib/actions/checkout";
import { initialFormState } from "@/lib/actions/state";
import { addressLine } from "@/lib/address";
import type { SavedAddress } from "@/lib/api/schema";
import { AddressFields, type AddressValues } from "./AddressFields";
import { FormMessage } from "../FormMessage";
import { SubmitButton } from "../SubmitButton";

const NEW_ADDRESS = "new";

/**
 * The checkout form: a saved address (the default pre-selected) or a new one, which a signed-in shopper may save
 * to the address book; a guest sees the e-mail address the order is placed with.
 */
export function AddressForm({
  idempotencyKey,
  defaultName,
  defaultPhone,
  savedAddresses = [],
  guestEmail = null,
  appliedDiscount = null,
}: {
  idempotencyKey: string;
  defaultName: string;
  defaultPhone: string;
  savedAddresses?: SavedAddress[];
  guestEmail?: string | null;
  /** The discount code the shopper saw applied: the order is checked against it. */
  appliedDiscount?: string | null;
}) {
  const [state, action] = useActionState(placeOrder, initialFormState);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const preselected = savedAddresses.find((address) => address.is_default) ?? savedAddresses[0];
  const [chosen, setChosen] = useState<string>(values.saved_address || preselected?.id || NEW_ADDRESS);
  const saved = savedAddresses.find((address) => address.id === chosen);
  // A failed submit shows what was typed (until another address is chosen); otherwise the chosen saved address, or
  // a blank one with the profile's name and phone.
  const retrying = state.values !== undefined && chosen === (values.saved_address || NEW_ADDRESS);
  const fields: AddressValues = retrying ? values : (saved ?? { name: defaultName, phone: defaultPhone });
  const canSave = guestEmail === null;
  return (
    <form action={action} className="form wide checkout-form" noValidate aria-labelledby="address-heading">
      <h2 id="address-heading">Delivery address</h2>
      {guestEmail ? (
        <p className="checkout-guest" data-testid="guest-email">
          Checking out as a guest with <strong>{guestEmail}</strong>. We will send the order&apos;s e-mails there.
        </p>
      ) : null}
      <FormMessage state={state} />
      <input type="hidden" name="idempotency_key" value={values.idempotency_key ?? idempotencyKey} />
      {appliedDiscount ? <input type="hidden" name="applied_discount" value={appliedDiscount} /> : null}
      {savedAddresses.length > 0 ? (
        <fieldset className="saved-addresses">
          <legend>Your saved addresses</legend>
          {savedAddresses.map((address) => (
            <label key={address.id} className="saved-address">
              <input type="radio" name="saved_address" value={address.id} checked={chosen === address.id} onChange={() => setChosen(address.id)} />
              <span>
                <strong>{address.name}</strong>
                {address.is_default ? <span className="badge">Default</span> : null}
                <span className="saved-address-lines">{addressLine(address)}</span>
              </span>
            </label>
          ))}
          <label className="saved-address">
            <input type="radio" name="saved_address" value={NEW_ADDRESS} checked={chosen === NEW_ADDRESS} onChange={() => setChosen(NEW_ADDRESS)} />
            <span>A new address</span>
          </label>
        </fieldset>
      ) : null}
      {/* Re-mounted per choice, so the inputs take the chosen address as their starting values. */}
      <div key={`${chosen}:${retrying}`} className="address-fields">
        <AddressFields values={fields} errors={errors} />
      </div>
      {canSave && chosen === NEW_ADDRESS ? (
        <label className="checkbox">
          <input type="checkbox" name="save_address" defaultChecked={values.save_address !== undefined ? values.save_address === "on" : true} />
          Save this address for next time
        </label>
      ) : null}
      <div className="field">
        <label htmlFor="field-note">Delivery note (optional)</label>
        <span className="hint" id="field-note-hint">
          For the courier, e.g. &quot;Leave with the security guard&quot;
        </span>
        <textarea id="field-note" name="note" rows={2} maxLength={500} defaultValue={values.note} aria-describedby="field-note-hint" />
      </div>
      <SubmitButton pendingLabel="Reserving your items…">Continue to payment</SubmitButton>
    </form>
  );
}
