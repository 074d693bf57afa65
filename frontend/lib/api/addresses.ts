/** The shopper's address book (commerce): saved delivery addresses, the default first. */
import { ApiError, unwrap } from "./errors";
import type { SavedAddress } from "./schema";
import { getViewer, services } from "./server";

/** The signed-in customer's saved addresses; none for guests and signed-out shoppers. */
export async function listAddresses(): Promise<SavedAddress[]> {
  const viewer = await getViewer();
  if (!viewer || viewer.role === "guest") return [];
  const api = await services();
  try {
    return unwrap(await api.commerce.GET("/api/v1/addresses/{user_id}", { params: { path: { user_id: viewer.userId } } }));
  } catch (error) {
    // Checkout still works without the book: the shopper types the address.
    if (error instanceof ApiError && error.status >= 500) return [];
    throw error;
  }
}

