"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import {
  GUEST_CART_COOKIE,
  MAX_QUANTITY,
  changeGuestLine,
  guestCartCookieOptions,
  readGuestCart,
  serializeGuestCart,
} from "../api/cart";
import { unwrap } from "../api/errors";
import { getViewer, services } from "../api/server";
import { failure, text, type FormState } from "./state";

async function writeGuestCart(change: { variantId: string; slug: string; quantity: number }, replace: boolean) {
  const lines = changeGuestLine(await readGuestCart(), change, replace);
  (await cookies()).set(GUEST_CART_COOKIE, serializeGuestCart(lines), guestCartCookieOptions());
}

async function setLine(variantId: string, slug: string, quantity: number, replace: boolean): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) {
    await writeGuestCart({ variantId, slug, quantity }, replace);
    return;
  }
  const api = await services();
  if (replace && quantity <= 0) {
    unwrap(
      await api.commerce.DELETE("/api/v1/cart/{user_id}/remove/{product_id}", {
        params: { path: { user_id: viewer.userId, product_id: variantId } },
      }),
    );
    return;
  }
  unwrap(
    await api.commerce.POST("/api/v1/cart/{user_id}/add", {
      params: { path: { user_id: viewer.userId } },
      body: { variant_id: variantId, quantity, replace },
    }),
  );
}

export async function addToCart(_: FormState, form: FormData): Promise<FormState> {
  const variantId = text(form, "variant_id");
  const slug = text(form, "slug");
  const quantity = Math.min(MAX_QUANTITY, Math.max(1, Number.parseInt(text(form, "quantity"), 10) || 1));
  if (!variantId) return { error: "Choose a colour and a size first." };
  try {
    await setLine(variantId, slug, quantity, false);
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: `Added ${quantity} to your cart.` };
}

export async function updateCartLine(_: FormState, form: FormData): Promise<FormState> {
  const variantId = text(form, "variant_id");
  const slug = text(form, "slug");
  const quantity = Math.min(MAX_QUANTITY, Math.max(0, Number.parseInt(text(form, "quantity"), 10) || 0));
  try {
    await setLine(variantId, slug, quantity, true);
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: quantity === 0 ? "Removed from your cart." : "Cart updated." };
}
