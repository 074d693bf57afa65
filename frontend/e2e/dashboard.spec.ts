import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD;

test.skip(!ADMIN_EMAIL || !ADMIN_PASSWORD, "set E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD (python -m core.cli create-admin)");

interface Variant {
  id: string;
  sku: string;
}

test("an admin sees the business at a glance, and a variant running low", async ({ page }) => {
  await page.goto("/login?next=/admin");
  await page.getByLabel("E-mail").fill(ADMIN_EMAIL ?? "");
  await page.getByLabel("Password").fill(ADMIN_PASSWORD ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();

  await expect(page.getByRole("heading", { name: /The last 30 days/ })).toBeVisible();
  for (const tile of ["Revenue", "Paid orders", "Average order", "Refunded", "Stock running low"]) {
    await expect(page.locator(".dashboard-tile dt", { hasText: tile })).toBeVisible();
  }
  await expect(page.getByRole("img", { name: /^Revenue per day, / })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Paid orders per day, / })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Refunds per day, / })).toBeVisible();
  // The admin areas are still one click away.
  await expect(page.getByRole("link", { name: /products live/ })).toBeVisible();

  await page.getByLabel("Period").selectOption("7");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/[?&]days=7/);
  await expect(page.getByRole("heading", { name: /The last 7 days/ })).toBeVisible();
  await expect(page.locator(".bar-chart").first().locator("rect")).toHaveCount(7);

  // A variant whose threshold is raised above its stock runs low (the access-token cookie authenticates;
  // a cookie-authenticated write must come from the shop's own origin).
  const origin = new URL(page.url()).origin;
  const listed = await page.request.get("/api/v1/products?page_size=1&sort=newest");
  expect(listed.ok()).toBeTruthy();
  const productId: string = (await listed.json()).items[0].id;
  const product = await page.request.get(`/api/v1/products/${productId}`);
  const variant: Variant = (await product.json()).variants[0];
  const stockUrl = `/api/v1/products/${productId}/variants/${variant.id}/stock`;
  const stock = await (await page.request.get(stockUrl)).json();
  const raised = await page.request.patch(stockUrl, {
    data: { low_stock_threshold: stock.available + 1 },
    headers: { Origin: origin },
  });
  expect(raised.ok()).toBeTruthy();
  expect((await raised.json()).low_stock).toBe(true);

  try {
    await page.reload();
    const row = page.locator("table.low-stock tbody tr", { hasText: variant.sku });
    await expect(row).toBeVisible();
    await expect(row.getByRole("link")).toHaveAttribute("href", `/admin/products/${productId}`);
    await screenshot(page, "admin-dashboard");
  } finally {
    const restored = await page.request.patch(stockUrl, {
      data: { low_stock_threshold: stock.low_stock_threshold },
      headers: { Origin: origin },
    });
    expect(restored.ok()).toBeTruthy();
  }
});
