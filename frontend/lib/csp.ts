/**
 * The storefront's Content-Security-Policy, one per request (proxy.ts). Scripts run only with that request's
 * nonce, which Next.js puts on its own <script> tags; 'strict-dynamic' lets them load their chunks and Stripe.js.
 * https://js.stripe.com stays for browsers without 'strict-dynamic'. Styles keep 'unsafe-inline' for now (React's
 * style attributes). With the offline card form (PAYMENT_PROVIDER=offline) no Stripe origin is allowed at all: the
 * shop never loads Stripe.js then.
 */
const STRIPE_SCRIPTS = "https://js.stripe.com";

export interface CspOptions {
  /** `next dev` evaluates code for its error overlay and fast refresh. */
  development?: boolean;
  /** Served over HTTPS: ask the browser to upgrade any http:// sub-resource. */
  https?: boolean;
  /** Allow Stripe.js, its frames and API (the Stripe provider). Default true; false with the offline provider. */
  stripe?: boolean;
}

/** Stripe's origins are needed unless the deployment says the offline provider is in use. */
export function stripeAllowed(env: Record<string, string | undefined>): boolean {
  return (env.PAYMENT_PROVIDER ?? "").trim() !== "offline";
}

export function createNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, { development = false, https = false, stripe = true }: CspOptions = {}): string {
  const directives: Array<[string, string]> = [
    ["default-src", "'self'"],
    ["script-src", `'self' 'nonce-${nonce}' 'strict-dynamic'${stripe ? ` ${STRIPE_SCRIPTS}` : ""}${development ? " 'unsafe-eval'" : ""}`],
    ["style-src", "'self' 'unsafe-inline'"],
    ["img-src", `'self' data: blob:${stripe ? " https://*.stripe.com" : ""}`],
    ["font-src", "'self' data:"],
    ["connect-src", `'self'${stripe ? " https://api.stripe.com" : ""}`],
    ["frame-src", stripe ? "https://js.stripe.com https://hooks.stripe.com" : "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  const policy = directives.map(([name, sources]) => `${name} ${sources}`);
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}
