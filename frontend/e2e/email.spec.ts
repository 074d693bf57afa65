import { expect, test } from "@playwright/test";
import { caughtMail, latestOtp, mailPart, screenshot, uniqueEmail } from "./helpers";

/**
 * Order e-mails (issue 16): a shopper buys with the offline test card, and the order confirmation commerce sends
 * arrives (in the demo's mail catcher) with the right lines: the product, its size and colour, and the total.
 */

const SUCCESS_CARD = "4242 4242 4242 4242";

/** ₹1,23,456 or ₹1,299.50 → 123456 / 1299.5, so the storefront's and the e-mail's way of writing money may differ. */
function rupees(text: string): number {
  const match = /₹\s?([\d,]+(?:\.\d+)?)/.exec(text);
  if (!match?.[1]) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return Number.parseFloat(match[1].replace(/,/g, ""));
}

/** As the e-mail's HTML part writes text (Jinja2's autoescape). */
function escapeHtml(text: string): string {
  const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };
  return text.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

test("the order confirmation e-mail names the product, size, colour and total", async ({ page }) => {
  const email = uniqueEmail("e2e.mail");

  // A T-shirt into the cart (as a guest): whichever colour and size are in stock.
  await page.goto("/products?category=t-shirts");
  await page.locator(".product-card").first().click();
  await expect(page).toHaveURL(/\/products\/[a-z0-9-]+/);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
  expect(title).not.toBe("");
  await page.getByRole("group", { name: /^Size/ }).getByRole("radio", { disabled: false }).first().check();
  await page.getByRole("button", { name: "Add to cart" }).first().click();
  await expect(page.getByRole("link", { name: /Cart, 1 item/ }).first()).toBeVisible();

  // The cart says which colour and size were chosen ("Blue · Size M").
  await page.goto("/cart");
  const details = page.locator(".cart-line", { hasText: title }).getByText(/ · Size /).first();
  await expect(details).toBeVisible();
  const variant = /^\s*(.+?) · Size (\S+)/.exec((await details.textContent()) ?? "");
  const [colour, size] = [variant?.[1] ?? "", variant?.[2] ?? ""];
  expect(colour, "the cart line names the colour").not.toBe("");
  expect(size, "the cart line names the size").not.toBe("");

  // An account, verified with its code, then the address.
  await page.getByRole("link", { name: "Create an account to check out" }).click();
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  await page.getByLabel("Full name").fill("Meera Iyer");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("Saree2026!");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Verify your e-mail" })).toBeVisible();
  await page.getByLabel("Verification code").fill(await latestOtp(email));
  await page.getByRole("button", { name: "Verify e-mail" }).click();
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await page.getByLabel("Full name").fill("Meera Iyer");
  await page.getByLabel("Address line 1").fill("4 Cathedral Road");
  await page.getByLabel("Town or city").fill("Chennai");
  await page.getByLabel("State").selectOption("Tamil Nadu");
  await page.getByLabel("PIN code").fill("600086");
  await page.getByLabel("Phone").fill("+91 98400 12345");
  await page.getByRole("button", { name: "Continue to payment" }).click();

  // Pay with the offline test card.
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]+\/pay$/);
  const orderId = /\/orders\/([0-9a-f-]+)\/pay$/.exec(page.url())?.[1] ?? "";
  const payButton = page.getByRole("button", { name: /^Pay ₹/ });
  const total = rupees((await payButton.textContent()) ?? "");
  await page.getByLabel("Card number").fill(SUCCESS_CARD);
  await page.getByLabel("Expiry (MM/YY)").fill("12/34");
  await page.getByLabel("CVC").fill("123");
  await payButton.click();
  await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
  await screenshot(page, "email-order-confirmation-page");

  // The confirmation commerce sent for this order (found by its X-Aarya-Order-Email header).
  const raw = await caughtMail(`X-Aarya-Order-Email: confirmation ${orderId}`);
  expect(raw).toContain(`To: ${email}`);
  const text = mailPart(raw, "text/plain");
  const html = mailPart(raw, "text/html");
  expect(text).toContain(`#${orderId.slice(0, 8).toUpperCase()}`);
  expect(text).toContain(title);
  expect(text).toContain(`Size ${size} · Colour ${colour} · Qty 1`);
  const totalLine = /^Total: (.+)$/m.exec(text)?.[1] ?? "";
  expect(rupees(totalLine)).toBe(total);
  expect(text).toContain(`/orders/${orderId}`);
  // The HTML part: the same line with its picture at an absolute address, and the link to the order.
  expect(html).toContain(escapeHtml(title));
  expect(html).toContain(`Size ${size} · Colour ${colour} · Qty 1`);
  expect(html).toMatch(/<img src="https?:\/\/[^"]+"/);
  expect(html).toMatch(new RegExp(`href="https?://[^"]+/orders/${orderId}"`));
});
