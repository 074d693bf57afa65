import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";

const FAKE = "http://127.0.0.1:3190";
const WITH_KEY = "http://127.0.0.1:3191";
const WITHOUT_KEY = "http://127.0.0.1:3192";
const SHOPPER = "5b3c7a52-7a41-4d6b-9a55-0c1f7f6e2d11";
const ORDER = "0d7e5c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";
const STUB = readFileSync(path.join(__dirname, "stripe-stub.js"), "utf8");

interface FakeState {
  intents: number;
  refreshes: number;
  confirmations: Array<Record<string, string>>;
}

async function fakeState(): Promise<FakeState> {
  return (await fetch(`${FAKE}/_state`)).json() as Promise<FakeState>;
}

function base64Url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** Signed in as the shopper (the storefront reads the access token's claims; the fake services trust it). */
async function signIn(context: BrowserContext, origin: string): Promise<void> {
  const claims = { sub: SHOPPER, role: "customer", exp: Math.floor(Date.now() / 1000) + 3600 };
  const token = `${base64Url({ alg: "EdDSA", typ: "JWT" })}.${base64Url(claims)}.stub`;
  await context.addCookies([{ name: "access_token", value: token, url: origin }]);
}

/** Stripe.js is the stub; Stripe's API (the stub's confirm call) is the fake services. */
async function stubStripe(page: Page, scriptRequests: string[]): Promise<void> {
  await page.route("https://js.stripe.com/**", async (route) => {
    scriptRequests.push(route.request().url());
    await route.fulfill({ contentType: "application/javascript", body: STUB });
  });
  await page.route("https://api.stripe.com/**", async (route) => {
    const request = route.request();
    const response = await route.fetch({ url: `${FAKE}${new URL(request.url()).pathname}` });
    await route.fulfill({ response, headers: { ...response.headers(), "access-control-allow-origin": "*" } });
  });
}

test.beforeEach(async () => {
  await fetch(`${FAKE}/_reset`, { method: "POST" });
});

test("Stripe mode: the Payment Element, confirmed by Stripe.js, then the payment read back", async ({ page, context }) => {
  const scripts: string[] = [];
  await stubStripe(page, scripts);
  await signIn(context, WITH_KEY);

  await page.goto(`${WITH_KEY}/orders/${ORDER}/pay`);

  await expect(page.getByTestId("stub-payment-method")).toBeVisible();
  await expect(page.locator('input[name="card_number"]')).toHaveCount(0);
  await expect(page.getByText("Test mode. Cards")).toHaveCount(0);
  expect(scripts.some((url) => /^https:\/\/js\.stripe\.com\/[a-z0-9]+\/stripe\.js/.test(url))).toBe(true);

  await page.getByRole("button", { name: /^Pay / }).click();

  await expect(page).toHaveURL(new RegExp(`/orders/${ORDER}/confirmation\\?payment=pay_`));
  await expect(page.getByTestId("order-confirmed")).toContainText("card ending 4242");
  const state = await fakeState();
  expect(state.intents).toBeGreaterThanOrEqual(1);
  expect(state.refreshes).toBeGreaterThanOrEqual(1);
  const [confirmation] = state.confirmations;
  expect(confirmation).toMatchObject({ client_secret: "pi_stub0001_secret_stub", key: "pk_test_stub", payment_method: "pm_card_visa", redirect: "if_required" });
  expect(confirmation?.return_url).toBe(`${WITH_KEY}/orders/${ORDER}/confirmation?payment=pay_stub0000000000000000001`);
});

test("Stripe mode: a declined card stays on the pay page with Stripe's message", async ({ page, context }) => {
  await stubStripe(page, []);
  await signIn(context, WITH_KEY);
  await page.goto(`${WITH_KEY}/orders/${ORDER}/pay`);

  await page.getByTestId("stub-payment-method").selectOption("pm_card_chargeDeclined");
  await page.getByRole("button", { name: /^Pay / }).click();

  await expect(page.getByTestId("payment-error")).toHaveText("Your card was declined.");
  await expect(page).toHaveURL(new RegExp(`/orders/${ORDER}/pay$`));
  expect((await fakeState()).refreshes).toBe(0);
});

test("Stripe mode without a publishable key: not configured, never the test-card form", async ({ page, context }) => {
  const scripts: string[] = [];
  await stubStripe(page, scripts);
  await signIn(context, WITHOUT_KEY);

  await page.goto(`${WITHOUT_KEY}/orders/${ORDER}/pay`);

  await expect(page.getByTestId("payment-not-configured")).toContainText("Card payments are not configured");
  await expect(page.locator('input[name="card_number"]')).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Pay / })).toHaveCount(0);
  expect(scripts).toEqual([]);
  expect((await fakeState()).intents).toBe(0);
});
