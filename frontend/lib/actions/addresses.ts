"use server";

import { revalidatePath } from "next/cache";
import { unwrap } from "../api/errors";
import { getViewer, services } from "../api/server";
import { validateAddress, type AddressInput } from "../validation";
import { failure, text, type FormState } from "./state";

const FIELDS = ["name", "line1", "line2", "city", "state", "postal_code", "phone"] as const;

async function bookOwner(): Promise<string> {
  const viewer = await getViewer();
  if (!viewer || viewer.role === "guest") throw new Error("the address book needs a signed-in customer");
  return viewer.userId;
}

/** Add an address to the book, or change one (`address_id`); `is_default` makes it the default. */
export async function saveAddress(_: FormState, form: FormData): Promise<FormState> {
  const address = Object.fromEntries(FIELDS.map((field) => [field, text(form, field).trim()])) as unknown as AddressInput;
  const addressId = text(form, "address_id");
  const isDefault = text(form, "is_default") === "on";
  const values = { ...address, is_default: isDefault ? "on" : "" };
  const fieldErrors = validateAddress(address);
  if (Object.keys(fieldErrors).length) return { error: "Please check the address.", fieldErrors, values };
  try {
    const userId = await bookOwner();
    const api = await services();
    const body = { ...address, line2: address.line2 || null, country: "IN", is_default: isDefault };
    unwrap(
      addressId
        ? await api.commerce.PUT("/api/v1/addresses/{user_id}/{address_id}", {
            params: { path: { user_id: userId, address_id: addressId } },
            body,
          })
        : await api.commerce.POST("/api/v1/addresses/{user_id}", { params: { path: { user_id: userId } }, body }),
    );
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath("/account");
  return { ok: true, message: addressId ? "Address updated." : "Address saved." };
}

export async function deleteAddress(form: FormData): Promise<void> {
  const userId = await bookOwner();
  const api = await services();
  const result = await api.commerce.DELETE("/api/v1/addresses/{user_id}/{address_id}", {
    params: { path: { user_id: userId, address_id: text(form, "address_id") } },
  });
  if (result.response.status !== 404) unwrap(result);
  revalidatePath("/account");
}
