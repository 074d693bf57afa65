import { expect, test } from "@playwright/test";
import { screenshot, uniqueEmail } from "./helpers";

const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD;

test.skip(!ADMIN_EMAIL || !ADMIN_PASSWORD, "set E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD (python -m core.cli create-admin)");

test("an admin deactivates a user, who can then no longer sign in", async ({ page, request }) => {
  const email = uniqueEmail("e2e.deactivated");
  const password = "Saree2026!";
  const registered = await request.post("/api/v1/auth/register", { data: { email, password, full_name: "Ravi Kumar" } });
  // Core answers a new and a taken address alike: 202, no session.
  expect(registered.status()).toBe(202);

  await page.goto("/login?next=/admin");
  await page.getByLabel("E-mail").fill(ADMIN_EMAIL ?? "");
  await page.getByLabel("Password").fill(ADMIN_PASSWORD ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();
  await screenshot(page, "admin-overview");

  await page.goto("/admin/products");
  await expect(page.getByRole("heading", { name: "Products and stock" })).toBeVisible();
  await expect(page.locator("tbody tr").first()).toBeVisible();
  await screenshot(page, "admin-products");

  await page.goto("/admin/users");
  await page.getByLabel("E-mail or name").fill(email);
  await page.getByRole("button", { name: "Search", exact: true }).last().click();
  const row = page.getByTestId(`user-row-${email}`);
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: `Deactivate ${email}` }).click();
  await expect(row.getByRole("status")).toContainText("is now deactivated");
  await page.reload();
  await expect(page.getByTestId(`user-row-${email}`)).toContainText("Deactivated");
  await screenshot(page, "admin-users");

  const login = await request.post("/api/v1/auth/login", { data: { email, password } });
  expect(login.status()).toBe(403);
  expect((await login.json()).error.code).toBe("account_inactive");

  await page.goto("/admin/fraud");
  await expect(page.getByRole("heading", { name: "Fraud reviews" })).toBeVisible();
  await page.goto("/admin/orders");
  await expect(page.getByRole("heading", { name: "Orders and refunds" })).toBeVisible();
});
