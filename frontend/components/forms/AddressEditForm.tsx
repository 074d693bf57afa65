"use client";

import { useActionState } from "react";
import { saveAddress } from "@/lib/actions/addresses";
import { initialFormState } from "@/lib/actions/state";
import type { SavedAddress } from "@/lib/api/schema";
import { AddressFields } from "./AddressFields";
import { FormMessage } from "../FormMessage";
import { SubmitButton } from "../SubmitButton";

/** Add an address to the book, or change a saved one. */
export function AddressEditForm({ address }: { address?: SavedAddress }) {
  const [state, action] = useActionState(saveAddress, initialFormState);
  const prefix = address ? `address-${address.id}` : "address-new";
  const values = state.values && !state.ok ? state.values : (address ?? {});
  const isDefault = state.values && !state.ok ? state.values.is_default === "on" : (address?.is_default ?? false);
  return (
    <form action={action} className="form" noValidate aria-label={address ? `Edit the address of ${address.name}` : "New address"}>
      <FormMessage state={state} />
      {address ? <input type="hidden" name="address_id" value={address.id} /> : null}
      <AddressFields values={values} errors={state.fieldErrors ?? {}} idPrefix={prefix} />
      <label className="checkbox">
        <input type="checkbox" name="is_default" defaultChecked={isDefault} disabled={address?.is_default} />
        {address?.is_default ? "Your default address" : "Make this my default address"}
      </label>
      <SubmitButton pendingLabel="Saving…">{address ? "Save changes" : "Save address"}</SubmitButton>
    </form>
  );
}
