// A discount code as commerce stores it (commerce.discounts.models.CODE_PATTERN): upper case, 3 to 32 characters.
const CODE = /^[A-Z0-9_-]{3,32}$/;

function normalised(value: string): string {
  const code = value.trim().toUpperCase();
  return CODE.test(code) ? code : "";
}

/**
 * The code the shopper saw applied on the checkout page that the placed order does not carry (commerce re-checks it
 * when the order is placed: expired, used up or switched off meanwhile), or "" when nothing lapsed.
 */
export function lapsedDiscountCode(applied: string, carried: string | null | undefined): string {
  const code = normalised(applied);
  return code && code !== carried ? code : "";
}

/** The payment page's `discount_lapsed` parameter when it names a code the order does not carry; else null. */
export function lapsedDiscountNotice(param: string | string[] | undefined, carried: string | null | undefined): string | null {
  if (typeof param !== "string") return null;
  return lapsedDiscountCode(param, carried) || null;
}
