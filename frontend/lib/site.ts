/**
 * Facts about this deployment, read from the server's environment when a request is served (never inlined at
 * build time: one build serves every environment).
 */
type Env = Record<string, string | undefined>;

/** The site's public address, as nginx serves it (canonical URLs, the sign-in redirect check). */
export function siteUrl(env: Env = process.env): URL {
  return new URL(env.SITE_URL || "http://localhost");
}

/** A demo shop takes test cards only; every page says so. */
export function isDemoShop(env: Env = process.env): boolean {
  return env.SHOP_DEMO_MODE === "true";
}

/**
 * Cookies the storefront sets (guest cart, and core's token cookies it hands on) are Secure when the shop is
 * served over HTTPS, or when COOKIE_SECURE=true (core's variable for the same decision) says TLS is on.
 */
export function cookiesSecure(env: Env = process.env): boolean {
  return env.COOKIE_SECURE === "true" || siteUrl(env).protocol === "https:";
}
