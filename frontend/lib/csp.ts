/**
 * The storefront's Content-Security-Policy, one per request (middleware.ts). Scripts run only with that request's
 * nonce, which Next.js puts on its own <script> tags; 'strict-dynamic' lets them load their chunks and Stripe.js.
 * https://js.stripe.com stays for browsers without 'strict-dynamic'. Styles keep 'unsafe-inline' for now (React's
 * style attributes).
 */
const STRIPE_SCRIPTS = "https://js.stripe.com";

export interface CspOptions {
  /** `next dev` evaluates code for its error overlay and fast refresh. */
  development?: boolean;
  /** Served over HTTPS: ask the browser to upgrade any http:// sub-resource. */
  https?: boolean;
}

export function createNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, { development = false, https = false }: CspOptions = {}): string {
  const directives: Array<[string, string]> = [
    ["default-src", "'self'"],
    ["script-src", `'self' 'nonce-${nonce}' 'strict-dynamic' ${STRIPE_SCRIPTS}${development ? " 'unsafe-eval'" : ""}`],
    ["style-src", "'self' 'unsafe-inline'"],
    ["img-src", "'self' data: blob: https://*.stripe.com"],
    ["font-src", "'self' data:"],
    ["connect-src", "'self' https://api.stripe.com"],
    ["frame-src", "https://js.stripe.com https://hooks.stripe.com"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  const policy = directives.map(([name, sources]) => `${name} ${sources}`);
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}
