import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests against a running shop (nginx in front, or scripts/local-proxy.mjs).
 * The distro's Chromium is used as is: playwright-core never downloads a browser here.
 */
const artifacts = path.resolve(__dirname, "../tests/artifacts");

/** The two sizes the shop is checked at: a common laptop, and a common phone (CSS pixels). */
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 3,
  userAgent: devices["Pixel 7"].userAgent,
};

export default defineConfig({
  testDir: "./e2e",
  // e2e/stripe runs against fake services and a stubbed Stripe.js (playwright.stripe.config.ts), never against a shop
  testIgnore: ["stripe/**"],
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  outputDir: path.join(artifacts, "test-results"),
  reporter: [["list"], ["html", { outputFolder: path.join(artifacts, "playwright-report"), open: "never" }]],
  use: {
    baseURL: process.env.BASE_URL || "http://localhost",
    headless: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    locale: "en-IN",
    timezoneId: "Asia/Kolkata",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  /*
   * desktop: every spec at 1366×900, except tests tagged @phone (phone-only flows).
   * phone: 390×844 with touch, for the specs about what a phone shows (browse, product, listing, quality).
   * phone-purchase: the phone-size purchase lives in checkout.spec.ts with the desktop checkout tests; only its
   * test tagged @phone (test("…", { tag: "@phone" }, …)) runs here, so the whole checkout file is not run twice.
   * Screenshots are named after the project (helpers.ts screenshot(), quality.spec.ts: <project>-<page>.png).
   */
  projects: [
    { name: "desktop", grepInvert: /@phone\b/, use: { viewport: DESKTOP, isMobile: false, hasTouch: false } },
    { name: "phone", testMatch: /(browse|product|listing|quality)\.spec\.ts$/, use: PHONE },
    { name: "phone-purchase", testMatch: /checkout\.spec\.ts$/, grep: /@phone\b/, use: PHONE },
  ],
});
