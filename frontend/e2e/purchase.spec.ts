import { expect, test } from "@playwright/test";
import { expectAccessible, latestOtp, screenshot, uniqueEmail } from "./helpers";

const SUCCESS_CARD = "4242 4242 4242 4242";
const DECLINED_CARD = "4000 0000 0000 0002";
const INSUFFICIENT_FUNDS_CARD = "4000 0000 0000 9995";

test.describe.configure({ mode: "serial" });

test("a newcomer buys a blue T-shirt in size M, end to end", async ({ page }) => {
  const email = uniqueEmail("e2e.buyer");

  // Browse and filter to blue T-shirts in M.
  await page.goto("/");
  await page.getByRole("navigation", { name: "Collections" }).getByRole("link", { name: "T-Shirts" }).click();
  await expect(page).toHaveURL(/category=t-shirts/);
  const filters = page.locator("form.filters");
  await filters.getByRole("group", { name: "Size" }).getByRole("checkbox", { name: "M", exact: true }).check();
  await filters.getByRole("group", { name: "Colour" }).getByRole("checkbox", { name: "Blue", exact: true }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/size=M/);
  await page.locator(".product-card", { hasText: /T-Shirt/ }).first().click();

  // Pick colour and size, add to the cart (as a guest).
  await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("T-Shirt");
  const title = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
  await page.getByRole("radio", { name: /Blue/ }).check();
  await page.getByRole("group", { name: /Size/ }).getByRole("radio", { name: /^M\b/ }).check();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1 to your cart." })).toBeVisible();
  await expect(page.getByRole("link", { name: /Cart, 1 item/ })).toBeVisible();
  await page.getByRole("link", { name: "View cart and check out" }).click();

  // The cart shows the line and its total.
  await expect(page.getByRole("heading", { name: "Your cart", exact: true })).toBeVisible();
  const line = page.locator(".cart-line", { hasText: title });
  await expect(line).toContainText("Blue · Size M");
  await expect(page.getByTestId("cart-total")).toHaveText(/₹/);
  await screenshot(page, "cart");
  await expectAccessible(page, "cart with items");
  await page.getByRole("link", { name: "Create an account to check out" }).click();

  // Register, then verify the e-mail with the one-time code.
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  await page.getByLabel("Full name").fill("Asha Rao");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("Kurta2026!");
  await screenshot(page, "register");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Verify your e-mail" })).toBeVisible();
  // Worded so it would be as true for an address that already had an account.
  await expect(page.getByText(`If ${email} can be used for a new account`)).toBeVisible();
  const code = await latestOtp(email);
  await page.getByLabel("Verification code").fill(code);
  await screenshot(page, "verify-otp");
  await page.getByRole("button", { name: "Verify e-mail" }).click();

  // Checkout: the guest cart came along; enter the address.
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await expect(page.getByText("Your e-mail address is verified.")).toBeVisible();
  await expect(page.locator(".summary")).toContainText(title);
  await expectAccessible(page, "checkout");
  await page.getByLabel("Full name").fill("Asha Rao");
  await page.getByLabel("Address line 1").fill("12 MG Road");
  await page.getByLabel("Town or city").fill("Bengaluru");
  await page.getByLabel("State").selectOption("Karnataka");
  await page.getByLabel("PIN code").fill("560001");
  await page.getByLabel("Phone").fill("+91 98765 43210");
  await screenshot(page, "checkout-address");
  await page.getByRole("button", { name: "Continue to payment" }).click();

  // Pay: a declined card, insufficient funds, then a card that pays.
  await expect(page.getByRole("heading", { name: "Payment" })).toBeVisible();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]+\/pay$/);
  const orderUrl = page.url().replace(/\/pay$/, "");
  await expectAccessible(page, "payment");
  const pay = async (card: string) => {
    await page.getByLabel("Card number").fill(card);
    await page.getByLabel("Expiry (MM/YY)").fill("12/34");
    await page.getByLabel("CVC").fill("123");
    await page.getByRole("button", { name: /^Pay ₹/ }).click();
  };
  await pay(DECLINED_CARD);
  await expect(page.getByTestId("payment-error")).toContainText(/declined/i);
  await screenshot(page, "payment-declined");
  await pay(INSUFFICIENT_FUNDS_CARD);
  await expect(page.getByTestId("payment-error")).toContainText(/insufficient funds/i);
  await pay(SUCCESS_CARD);

  // Confirmation, then the order in the history as paid.
  await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
  await expect(page.getByTestId("order-confirmed")).toContainText("card ending 4242");
  await expect(page.locator("table")).toContainText(title);
  await screenshot(page, "order-confirmation");
  await page.getByRole("link", { name: "See all your orders" }).click();
  await expect(page.getByRole("heading", { name: "Your orders" })).toBeVisible();
  await expect(page.locator(".order-row")).toHaveCount(1);
  await expect(async () => {
    await page.reload();
    await expect(page.locator(".order-row").first()).toContainText("Paid", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await screenshot(page, "order-history");
  await page.locator(".order-row a").first().click();
  await expect(page).toHaveURL(orderUrl);
  await expect(page.getByRole("heading", { name: "Order details" })).toBeVisible();
  await expect(page.locator("address")).toContainText("560001");
  await expect(page.locator(".summary")).toContainText("card ending 4242");
  await screenshot(page, "order-details");

  // The account page, and signing out.
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Hello, Asha Rao" })).toBeVisible();
  await expect(page.getByText(`${email} · verified`)).toBeVisible();
  await screenshot(page, "account");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/orders");
  await expect(page).toHaveURL(/\/login\?next=%2Forders/);
});
