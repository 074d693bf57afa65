import { expect, test, type Page } from "@playwright/test";
import { continueToPayment, payWithTestCard, screenshot, signInAsAdmin, signUpFromCart, uniqueEmail } from "./helpers";

/**
 * Orders and shipping (issue 17): a shopper pays for an order with a delivery note; an admin finds it in the orders
 * list by its number, sees it in the shipping queue, prints its packing slip and marks it shipped with a carrier
 * and tracking number; the shopper's order page then shows them.
 */

const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD;
const QUEUE_PAGE_SIZE = 25; // lib/api/admin.ts shippingQueue()

test.skip(!ADMIN_EMAIL || !ADMIN_PASSWORD, "set E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD (python -m core.cli create-admin)");

/** A new customer buys the first T-shirt in stock with the offline test card; returns the order id and title. */
async function buyAsNewCustomer(page: Page, email: string, note: string): Promise<{ orderId: string; title: string }> {
  await page.goto("/products?category=t-shirts");
  await page.locator(".product-card").first().click();
  await expect(page).toHaveURL(/\/products\/[a-z0-9-]+/);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
  expect(title).not.toBe("");
  await page.getByRole("group", { name: /^Size/ }).getByRole("radio", { disabled: false }).first().check();
  await page.getByRole("button", { name: "Add to cart" }).first().click();
  await expect(page.getByRole("link", { name: /Cart, 1 item/ }).first()).toBeVisible();

  await signUpFromCart(page, { name: "Kavya Nair", email, password: "Lehenga2026!" });
  const orderId = await continueToPayment(page, {
    name: "Kavya Nair",
    line1: "22 Marine Drive",
    city: "Kochi",
    state: "Kerala",
    pin: "682001",
    phone: "+91 98470 12345",
    note,
  });
  await payWithTestCard(page);
  return { orderId, title };
}

test("an admin finds a paid order, packs it from the shipping queue and ships it with tracking", async ({ page, browser }) => {
  const email = uniqueEmail("e2e.shipping");
  const note = `Leave with the security desk ${Date.now()}`;
  const { orderId, title } = await buyAsNewCustomer(page, email, note);
  const shortId = orderId.replace(/-/g, "").slice(0, 8).toUpperCase();
  const trackingNumber = `AWB${Date.now()}`;

  // The admin signs in in a browser of their own.
  const staff = await browser.newContext();
  const admin = await staff.newPage();
  await signInAsAdmin(admin);
  await expect(admin.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();

  // The orders list, filtered to paid orders and searched by the order's number (the filters live in the URL).
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Orders and refunds" }).click();
  await expect(admin.getByRole("heading", { name: "Orders and refunds" })).toBeVisible();
  const filters = admin.getByRole("search", { name: "Filter orders" });
  await filters.getByLabel("Search").fill(`#${shortId}`);
  await filters.getByRole("group", { name: "Status" }).getByRole("checkbox", { name: "Paid", exact: true }).check();
  await filters.getByLabel("Payment", { exact: true }).selectOption("true");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(admin).toHaveURL(/[?&]q=%23/);
  await expect(admin).toHaveURL(/[?&]status=paid/);
  const row = admin.getByTestId(`order-row-${orderId}`);
  // Payment reaches commerce through the payment service's outbox: reload until the order shows as paid.
  await expect(async () => {
    await admin.reload();
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText(`#${shortId}`);
  await expect(row).toContainText(email);
  await expect(row).toContainText("Kavya Nair");
  await expect(row).toContainText("682001");
  await expect(row).toContainText("To ship");
  await expect(admin.getByRole("status").filter({ hasText: "1 order matches" })).toBeVisible();
  await screenshot(admin, "admin-orders-list");

  // The shipping queue: oldest payment first, so the new order is on its last page.
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Shipping queue" }).click();
  await expect(admin.getByRole("heading", { name: "Shipping queue" })).toBeVisible();
  const counted = (await admin.getByRole("status").filter({ hasText: /to ship/ }).textContent()) ?? "";
  const waiting = Number.parseInt(/(\d+)/.exec(counted)?.[1] ?? "0", 10);
  expect(waiting).toBeGreaterThan(0);
  await admin.goto(`/admin/shipping?page=${Math.ceil(waiting / QUEUE_PAGE_SIZE)}`);
  const queued = admin.getByTestId(`order-row-${orderId}`);
  await expect(queued).toContainText(note);
  await screenshot(admin, "admin-shipping-queue");

  // The packing slip: the address, the note and the lines, and nothing but the slip on paper.
  await queued.getByRole("link", { name: `Packing slip of order #${shortId}` }).click();
  await expect(admin).toHaveURL(new RegExp(`/admin/orders/${orderId}/packing-slip$`));
  await expect(admin.getByRole("heading", { name: `Packing slip · order #${shortId}` })).toBeVisible();
  const slip = admin.locator(".packing-slip");
  await expect(slip.locator("address")).toContainText("22 Marine Drive");
  await expect(slip.locator("address")).toContainText("682001");
  await expect(slip.getByTestId("delivery-note")).toHaveText(note);
  await expect(slip.locator("tbody tr")).toHaveCount(1);
  await expect(slip.locator("tbody")).toContainText(title);
  await expect(slip).not.toContainText("₹");
  await admin.emulateMedia({ media: "print" });
  await expect(admin.getByRole("navigation", { name: "Admin" })).toBeHidden();
  await expect(admin.locator(".site-header")).toBeHidden();
  await expect(admin.getByRole("button", { name: "Print packing slip" })).toBeHidden();
  await screenshot(admin, "admin-packing-slip-print");
  await admin.emulateMedia({ media: "screen" });

  // Mark it shipped with the carrier and tracking number.
  await admin.getByRole("link", { name: `← Order #${shortId}` }).click();
  await expect(admin.getByRole("heading", { name: `Order #${shortId}` })).toBeVisible();
  await admin.getByLabel("Carrier").fill("Blue Dart");
  await admin.getByLabel("Tracking number").fill(trackingNumber);
  await admin.getByRole("button", { name: "Mark as shipped" }).click();
  // The page re-renders as shipped: the form (and its message) gives way to the carrier and tracking number.
  await expect(admin.locator(".shipment-tracking")).toContainText(trackingNumber);
  await expect(admin.getByRole("button", { name: "Mark as shipped" })).toHaveCount(0);
  await admin.reload();
  await expect(admin.getByRole("button", { name: "Mark as shipped" })).toHaveCount(0);
  await expect(admin.locator(".shipment-tracking")).toContainText(trackingNumber);

  // Out of the queue, shipped in the list.
  await admin.goto(`/admin/orders?q=%23${shortId}`);
  await expect(admin.getByTestId(`order-row-${orderId}`)).toContainText("Shipped · Blue Dart");
  await admin.goto(`/admin/shipping?page=${Math.ceil(waiting / QUEUE_PAGE_SIZE)}`);
  await expect(admin.getByTestId(`order-row-${orderId}`)).toHaveCount(0);
  await staff.close();

  // The shopper sees who carries the parcel and its tracking number.
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByRole("heading", { name: "Order details" })).toBeVisible();
  await expect(page.locator(".shipment-tracking")).toContainText("Blue Dart");
  await expect(page.locator(".shipment-tracking")).toContainText(trackingNumber);
  await screenshot(page, "order-shipped-tracking");
});
