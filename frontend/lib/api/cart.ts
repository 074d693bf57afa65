/**
 * The cart. Signed-in shoppers have commerce's cart; before signing in, the lines live in a cookie
 * (variant, product slug, quantity) and join the server cart at sign-in. Both read as one CartView.
 */
import { cookies } from "next/headers";
import { cookiesSecure } from "../site";
import { imageForColour } from "./catalog-options";
import { toApiError, unwrap } from "./errors";
import type { Services } from "./http";
import type { Product, ServerCart } from "./schema";
import { getViewer, services } from "./server";

export const GUEST_CART_COOKIE = "aarya_cart";
export const MAX_QUANTITY = 10;
const MAX_GUEST_LINES = 30;

export interface GuestLine {
  variantId: string;
  slug: string;
  quantity: number;
}

export interface CartLine {
  variantId: string;
  productSlug: string;
  title: string;
  size: string;
  colour: string;
  imageUrl: string | null;
  imageAlt: string;
  unitPrice: number;
  compareAt: number | null;
  currency: string;
  quantity: number;
  lineTotal: number;
  available: number;
  enoughStock: boolean;
}

/** The discount code applied to a server cart: `applied` false with a `message` saying why not (yet). */
export interface CartDiscountView {
  code: string;
  applied: boolean;
  amount: number;
  message: string | null;
}

export interface CartView {
  lines: CartLine[];
  itemCount: number;
  subtotal: number;
  discount: CartDiscountView | null;
  /** subtotal less the applied discount: what checkout would charge now. */
  total: number;
  currency: string;
  canCheckout: boolean;
  signedIn: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseGuestCart(raw: string | undefined): GuestLine[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value
      .filter(
        (line): line is { v: string; s: string; q: number } =>
          !!line &&
          typeof line === "object" &&
          typeof line.v === "string" &&
          UUID.test(line.v) &&
          typeof line.s === "string" &&
          Number.isInteger(line.q) &&
          line.q > 0,
      )
      .slice(0, MAX_GUEST_LINES)
      .map((line) => ({ variantId: line.v, slug: line.s, quantity: Math.min(line.q, MAX_QUANTITY) }));
  } catch {
    return [];
  }
}

/** The guest cart cookie: only the server reads it; Secure when the shop is served over HTTPS. */
export function guestCartCookieOptions() {
  return { httpOnly: true, secure: cookiesSecure(), sameSite: "lax", path: "/", maxAge: 30 * 24 * 3600 } as const;
}

export function serializeGuestCart(lines: GuestLine[]): string {
  return JSON.stringify(lines.map((line) => ({ v: line.variantId, s: line.slug, q: line.quantity })));
}

/** Adds (or, with `replace`, sets) a line; quantity 0 removes it. */
export function changeGuestLine(lines: GuestLine[], change: GuestLine, replace = false): GuestLine[] {
  const existing = lines.find((line) => line.variantId === change.variantId);
  const quantity = Math.min(MAX_QUANTITY, replace || !existing ? change.quantity : existing.quantity + change.quantity);
  const others = lines.filter((line) => line.variantId !== change.variantId);
  if (quantity <= 0) return others;
  if (!existing) return [...others, { ...change, quantity }];
  return lines.map((line) => (line.variantId === change.variantId ? { ...line, quantity } : line));
}

export function fromServerCart(cart: ServerCart): CartView {
  const lines = cart.items.map<CartLine>((item) => ({
    variantId: item.variant_id,
    productSlug: item.product_slug,
    title: item.title,
    size: item.size,
    colour: item.colour,
    imageUrl: item.image?.url ?? null,
    imageAlt: item.image?.alt || item.title,
    unitPrice: item.unit_price_amount,
    compareAt: item.compare_at_amount,
    currency: item.currency,
    quantity: item.quantity,
    lineTotal: item.line_total_amount,
    available: item.available,
    enoughStock: item.enough_stock,
  }));
  return {
    lines,
    itemCount: cart.item_count,
    subtotal: cart.subtotal_amount,
    discount: cart.discount
      ? {
          code: cart.discount.code,
          applied: cart.discount.applied,
          amount: cart.discount.amount,
          message: cart.discount.message ?? null,
        }
      : null,
    total: cart.total_amount,
    currency: cart.currency,
    canCheckout: lines.length > 0 && lines.every((line) => line.enoughStock),
    signedIn: true,
  };
}

/** Prices a guest cart from the products it names; lines whose variant is gone are dropped. */
export function fromGuestCart(lines: GuestLine[], products: Array<Product | null>, currency = "INR"): CartView {
  const bySlug = new Map(products.filter((p): p is Product => p !== null).map((p) => [p.slug, p]));
  const view: CartLine[] = [];
  for (const line of lines) {
    const product = bySlug.get(line.slug);
    const variant = product?.variants.find((v) => v.id === line.variantId && v.is_active);
    if (!product || !variant) continue;
    const image = imageForColour(product.images, variant.colour);
    view.push({
      variantId: variant.id,
      productSlug: product.slug,
      title: product.title,
      size: variant.size,
      colour: variant.colour,
      imageUrl: image?.url ?? null,
      imageAlt: image?.alt || product.title,
      unitPrice: variant.price_amount,
      compareAt: variant.compare_at_amount,
      currency: variant.currency,
      quantity: line.quantity,
      lineTotal: variant.price_amount * line.quantity,
      available: variant.available,
      enoughStock: line.quantity <= variant.available,
    });
  }
  const subtotal = view.reduce((sum, line) => sum + line.lineTotal, 0);
  return {
    lines: view,
    itemCount: view.reduce((sum, line) => sum + line.quantity, 0),
    subtotal,
    discount: null,
    total: subtotal,
    currency: view[0]?.currency ?? currency,
    canCheckout: view.length > 0 && view.every((line) => line.enoughStock),
    signedIn: false,
  };
}

export async function readGuestCart(): Promise<GuestLine[]> {
  return parseGuestCart((await cookies()).get(GUEST_CART_COOKIE)?.value);
}

export async function getCart(): Promise<CartView> {
  const viewer = await getViewer();
  const api = await services();
  if (viewer) {
    return fromServerCart(
      unwrap(await api.commerce.GET("/api/v1/cart/{user_id}", { params: { path: { user_id: viewer.userId } } })),
    );
  }
  const lines = await readGuestCart();
  const slugs = [...new Set(lines.map((line) => line.slug))];
  const products = await Promise.all(
    slugs.map(async (slug) => {
      const result = await api.commerce.GET("/api/v1/products/{product_id}", { params: { path: { product_id: slug } } });
      return result.response.ok ? (result.data ?? null) : null;
    }),
  );
  return fromGuestCart(lines, products);
}

/** Units in the cart for the header badge; never fails the page it sits on. */
export async function cartCount(): Promise<number> {
  const viewer = await getViewer();
  if (!viewer) return (await readGuestCart()).reduce((sum, line) => sum + line.quantity, 0);
  try {
    const api = await services();
    const cart = unwrap(
      await api.commerce.GET("/api/v1/cart/{user_id}", { params: { path: { user_id: viewer.userId } } }),
    );
    return cart.item_count;
  } catch {
    return 0;
  }
}

/** Moves guest lines into the signed-in user's cart; lines that no longer fit are skipped. */
export async function mergeGuestCart(api: Services, userId: string, lines: GuestLine[]): Promise<number> {
  let merged = 0;
  for (const line of lines) {
    const result = await api.commerce.POST("/api/v1/cart/{user_id}/add", {
      params: { path: { user_id: userId } },
      body: { variant_id: line.variantId, quantity: line.quantity },
    });
    if (result.response.ok) merged += 1;
    else if (!(result.response.status === 404 || result.response.status === 409 || result.response.status === 422)) {
      throw toApiError(result.response.status, result.error);
    }
  }
  return merged;
}

