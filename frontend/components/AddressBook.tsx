import { addressLine } from "@/lib/address";
import type { SavedAddress } from "@/lib/api/schema";
import { deleteAddress } from "@/lib/actions/addresses";
import { AddressEditForm } from "./forms/AddressEditForm";
import { SubmitButton } from "./SubmitButton";

const MAX_ADDRESSES = 10;

/** The account's address book: each saved address to edit, make the default or delete, and a new one to add. */
export function AddressBook({ addresses }: { addresses: SavedAddress[] }) {
  return (
    <section className="panel address-book" aria-labelledby="addresses-heading">
      <h2 id="addresses-heading">Saved addresses</h2>
      {addresses.length === 0 ? <p className="muted">No saved addresses yet. Save one here or at checkout.</p> : null}
      <ul className="address-list">
        {addresses.map((address) => (
          <li key={address.id} className="address-entry" data-testid="saved-address">
            <div>
              <strong>{address.name}</strong> {address.is_default ? <span className="badge">Default</span> : null}
              <div className="muted">{addressLine(address)}</div>
              <div className="muted">{address.phone}</div>
            </div>
            <details>
              <summary>Edit</summary>
              <AddressEditForm address={address} />
            </details>
            <form action={deleteAddress}>
              <input type="hidden" name="address_id" value={address.id} />
              <SubmitButton className="button secondary" pendingLabel="Deleting…">
                Delete
              </SubmitButton>
            </form>
          </li>
        ))}
      </ul>
      {addresses.length < MAX_ADDRESSES ? (
        <details>
          <summary>Add an address</summary>
          <AddressEditForm />
        </details>
      ) : (
        <p className="muted">You have {MAX_ADDRESSES} saved addresses, the most the book keeps: delete one to add another.</p>
      )}
    </section>
  );
}
