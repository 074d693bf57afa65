import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, latestOtp, screenshot, uniqueEmail } from "./helpers";

/**
 * Quality gates on every key page, at each project's size (desktop 1366×900, phone 390×844: playwright.config.ts):
 * - axe-core (WCAG 2.0/2.1 A and AA) finds no serious or critical violation;
 * - no console error and no uncaught page error on any page visited (React's hydration errors such as #418 are
 *   console errors, so a form inside a paragraph fails here);
 * - screenshots of home, listing, product, cart and checkout go to tests/artifacts/screenshots/<project>-<page>.png.
 */

const PRODUCT = "/products/classic-crew-neck-t-shirt";

/** Console errors and uncaught exceptions of the test's page; checked after each test. */
const problems = new WeakMap<Page, string[]>();
/** What a visit may log on purpose: the browser reports the 404 answer of the not-found page as a console error. */
const allowed = new WeakMap<Page, RegExp[]>();

test.beforeEach(async ({ page }) => {
  const seen: string[] = [];
  problems.set(page, seen);
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if ((allowed.get(page) ?? []).some((pattern) => pattern.test(text))) return;
    const source = message.location().url;
    seen.push(`${page.url()}: console error: ${text}${source && source !== page.url() ? ` (${source})` : ""}`);
  });
  page.on("pageerror", (error) => seen.push(`${page.url()}: page error: ${error.message}`));
});

test.afterEach(async ({ page }) => {
  expect(problems.get(page) ?? [], "console errors and page errors").toEqual([]);
});

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await screenshot(page, `${info.project.name}-${name}`);
}

/** Visit a page that should answer 200, wait for its main heading, and check it with axe. */
async function visit(page: Page, path: string, label: string): Promise<void> {
  const response = await page.goto(path, { waitUntil: "networkidle" });
  expect(response?.status(), `${label} (${path}) answers`).toBeLessThan(400);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.getByRole("main")).toBeVisible();
  await expectAccessible(page, `${label} (${path})`);
}

/** Status words and amounts as the services store them, which no page may show as they are. */
const RAW_WORDS = /partially_refunded|refund_pending|requires_payment_method|\bsucceeded\b/;

const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD;

/** Register a new account and enter the one-time code; the browser ends on `next`. */
async function signUp(page: Page, email: string, next: string): Promise<void> {
  await page.goto(`/register?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Full name").fill("Meera Iyer");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("Kurta2026!");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Verify your e-mail" })).toBeVisible();
  await expectAccessible(page, "verify e-mail");
  await page.getByLabel("Verification code").fill(await latestOtp(email));
  await page.getByRole("button", { name: "Verify e-mail" }).click();
}

/** From the checkout page: enter an address and go on to payment; returns the order's path. */
async function placeOrder(page: Page): Promise<string> {
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await page.getByLabel("Full name").fill("Meera Iyer");
  await page.getByLabel("Address line 1").fill("4 Residency Road");
  await page.getByLabel("Town or city").fill("Bengaluru");
  await page.getByLabel("State").selectOption("Karnataka");
  await page.getByLabel("PIN code").fill("560025");
  await page.getByLabel("Phone").fill("+91 98450 12345");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]+\/pay$/);
  return new URL(page.url()).pathname.replace(/\/pay$/, "");
}

/** Choose the first colour and a size that can be bought, and add it to the cart. */
async function addToCart(page: Page): Promise<void> {
  await page.goto(PRODUCT, { waitUntil: "networkidle" });
  const sizes = page.getByRole("group", { name: /Size/ }).getByRole("radio", { disabled: false });
  await sizes.first().check();
  await page.getByRole("button", { name: /Add to cart/ }).filter({ visible: true }).first().click();
  await expect(page.getByRole("status").filter({ hasText: /Added/ }).first()).toBeVisible();
}

test.describe("quality gates", () => {
  test("public pages are accessible and error-free", async ({ page }, info) => {
    await visit(page, "/", "home");
    await shot(page, info, "home");

    await visit(page, "/products", "listing");
    await expect(page.locator(".product-card").first()).toBeVisible();
    await shot(page, info, "listing");

    await visit(page, PRODUCT, "product");
    await shot(page, info, "product");

    await visit(page, "/login", "sign-in");
    await visit(page, "/register", "register");
    await visit(page, "/cart", "empty cart");
  });

  test("the not-found page has a heading and a title and is accessible", async ({ page }) => {
    allowed.set(page, [/status of 404/]);
    const response = await page.goto("/no-such-page-in-this-shop", { waitUntil: "networkidle" });
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(/not found/i);
    await expectAccessible(page, "not found");
  });

  test("cart, checkout, order and account pages are accessible and error-free for a signed-in shopper", async ({ page }, info) => {
    await addToCart(page);
    await visit(page, "/cart", "cart");
    await expect(page.locator(".cart-line").first()).toBeVisible();
    await shot(page, info, "cart");

    await signUp(page, uniqueEmail(`e2e.quality.${info.project.name}`), "/checkout");
    await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectAccessible(page, "checkout");
    await shot(page, info, "checkout");

    const stripeRequests: string[] = [];
    page.on("request", (request) => {
      if (/^https:\/\/([a-z0-9-]+\.)*stripe\.com\//.test(request.url())) stripeRequests.push(request.url());
    });
    const orderPath = await placeOrder(page);
    await expect(page.getByRole("heading", { name: "Payment" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectAccessible(page, "payment");
    if (await page.getByLabel("Card number").isVisible()) {
      // The offline provider's test-card form: nothing of Stripe is fetched, and the page's CSP allows none of it.
      expect(stripeRequests, "requests to Stripe with the offline provider").toEqual([]);
      const policy = (await (await page.request.get(page.url())).headersArray()).find((h) => h.name.toLowerCase() === "content-security-policy");
      expect(policy?.value ?? "").not.toContain("stripe.com");
    }

    await visit(page, orderPath, "order");
    await expect(page.getByText("Awaiting payment").first()).toBeVisible();
    await expect(page.getByText("Order placed").first()).toBeVisible();
    await expect(page.locator("main")).not.toContainText(RAW_WORDS);
    await visit(page, "/orders", "order history");
    await visit(page, "/account", "account");
  });

  test("a shopper and an admin read statuses, money and refunds in words", async ({ page }, info) => {
    test.skip(info.project.name !== "desktop", "the admin's pages are checked once, at desktop size");
    test.skip(!ADMIN_EMAIL || !ADMIN_PASSWORD, "set E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD (python -m core.cli create-admin)");
    await addToCart(page);
    await signUp(page, uniqueEmail("e2e.quality.refund"), "/checkout");
    const orderPath = await placeOrder(page);
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByLabel("Expiry (MM/YY)").fill("12/34");
    await page.getByLabel("CVC").fill("123");
    await page.getByRole("button", { name: /^Pay ₹/ }).click();
    await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
    await expect(page.locator("main")).not.toContainText(RAW_WORDS);
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

    await page.goto(`/login?next=${encodeURIComponent(`/admin${orderPath}`)}`);
    await page.getByLabel("E-mail").fill(ADMIN_EMAIL ?? "");
    await page.getByLabel("Password").fill(ADMIN_PASSWORD ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin${orderPath}$`));
    await expect(page.getByText("Payment received").first()).toBeVisible();
    await expectAccessible(page, "admin order");

    await page.getByLabel(/^Amount/).fill("100");
    await page.getByRole("button", { name: "Refund", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: /Refund of ₹100 (issued|in progress)/ }).first()).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.locator("main")).toContainText(/Refund of ₹100 issued \([^)]*→ Partly refunded/, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.locator("main")).toContainText("Partly refunded");
    await expect(page.locator("main")).not.toContainText(RAW_WORDS);
    await expect(page.locator("main")).not.toContainText(/\b10000 INR\b|is succeeded/);
  });
});
