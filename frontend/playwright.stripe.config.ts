import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * The pay page in Stripe mode, in Chromium, with a stubbed Stripe.js (e2e/stripe/stripe-stub.js, served by
 * page.route) and fake commerce and payment APIs (e2e/stripe/fake-services.mjs): the built storefront runs twice,
 * with a publishable key and without one. Needs `npm run build` first; `npm run e2e:stripe` runs it.
 */
const FAKE = "http://127.0.0.1:3190";

function storefront(port: number, publishableKey: string) {
  return {
    // The standalone server serves the built client assets from its own directory.
    command: "mkdir -p .next/standalone/.next && cp -r .next/static .next/standalone/.next/ && exec node .next/standalone/server.js",
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      SITE_URL: `http://127.0.0.1:${port}`,
      CORE_API_URL: FAKE,
      COMMERCE_API_URL: FAKE,
      PAYMENT_API_URL: FAKE,
      PAYMENT_PROVIDER: "stripe",
      STRIPE_PUBLISHABLE_KEY: publishableKey,
    },
  };
}

export default defineConfig({
  ...base,
  testDir: "./e2e/stripe",
  // the shop config leaves these specs out; here they are the whole run
  testIgnore: [],
  projects: [{ name: "stripe", use: { viewport: { width: 1280, height: 900 } } }],
  webServer: [
    { command: "node e2e/stripe/fake-services.mjs", url: `${FAKE}/_state`, reuseExistingServer: false },
    storefront(3191, "pk_test_stub"),
    storefront(3192, ""),
  ],
});
