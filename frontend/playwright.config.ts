import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests against a running shop (nginx in front, or scripts/local-proxy.mjs).
 * The distro's Chromium is used as is: playwright-core never downloads a browser here.
 */
const artifacts = path.resolve(__dirname, "../tests/artifacts");

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
  projects: [
    { name: "desktop", use: { viewport: { width: 1280, height: 900 } } },
    {
      name: "phone",
      testMatch: /browse\.spec\.ts/,
      use: { viewport: devices["Pixel 7"].viewport, isMobile: true, hasTouch: true, userAgent: devices["Pixel 7"].userAgent },
    },
  ],
});
