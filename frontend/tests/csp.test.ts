import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, stripeAllowed } from "@/lib/csp";
import { config } from "@/proxy";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((directive) => {
      const [name = "", ...sources] = directive.trim().split(/\s+/);
      return [name, sources] as [string, string[]];
    }),
  );
}

describe("content security policy", () => {
  it("lets scripts run only with the request's nonce, never inline", () => {
    const nonce = createNonce();
    const policy = directives(contentSecurityPolicy(nonce));
    const scripts = policy.get("script-src") ?? [];
    expect(scripts).toContain(`'nonce-${nonce}'`);
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).toContain("'self'");
    expect(scripts).toContain("https://js.stripe.com");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  it("frames, connects and loads images only where the shop and Stripe need", () => {
    const policy = directives(contentSecurityPolicy("n0nce"));
    expect(policy.get("frame-src")).toEqual(["https://js.stripe.com", "https://hooks.stripe.com"]);
    expect(policy.get("connect-src")).toEqual(["'self'", "https://api.stripe.com"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:", "https://*.stripe.com"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("upgrades sub-resources over HTTPS and allows eval only under next dev", () => {
    expect(directives(contentSecurityPolicy("n", { https: true })).has("upgrade-insecure-requests")).toBe(true);
    expect(directives(contentSecurityPolicy("n", { development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("makes a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
  });

  it("runs on pages but not on built assets, API, media or metadata files", () => {
    const [page] = config.matcher;
    const pattern = new RegExp(`^${page?.source}$`);
    for (const path of ["/", "/products", "/products/classic-crew-neck-t-shirt", "/orders/1/pay", "/login"]) {
      expect(pattern.test(path), path).toBe(true);
    }
    for (const path of ["/_next/static/chunks/main.js", "/_next/image", "/api/v1/products", "/media/catalog/a.svg", "/healthz", "/robots.txt", "/sitemap.xml", "/favicon.ico"]) {
      expect(pattern.test(path), path).toBe(false);
    }
  });
});

describe("content security policy with the offline provider", () => {
  it("allows no Stripe origin when the offline card form is in use", () => {
    const policy = contentSecurityPolicy("n", { stripe: false });
    expect(policy).not.toContain("stripe.com");
    expect(directives(policy).get("frame-src")).toEqual(["'none'"]);
    expect(directives(policy).get("connect-src")).toEqual(["'self'"]);
  });

  it("keeps Stripe unless the deployment says offline", () => {
    expect(stripeAllowed({ PAYMENT_PROVIDER: "offline" })).toBe(false);
    expect(stripeAllowed({ PAYMENT_PROVIDER: "stripe" })).toBe(true);
    expect(stripeAllowed({})).toBe(true);
  });
});
