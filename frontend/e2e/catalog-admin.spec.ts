import { expect, test } from "@playwright/test";
import { addVariant, screenshot } from "./helpers";

const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD;

test.skip(!ADMIN_EMAIL || !ADMIN_PASSWORD, "set E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD (python -m core.cli create-admin)");

test("an admin creates a product in two colours with stock, publishes it, and a shopper finds both colours", async ({
  page,
  browser,
}) => {
  const serial = Date.now().toString(36).toUpperCase();
  const title = `E2E Linen Shirt ${serial}`;

  await page.goto("/login?next=/admin/products");
  await page.getByLabel("E-mail").fill(ADMIN_EMAIL ?? "");
  await page.getByLabel("Password").fill(ADMIN_PASSWORD ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Products and stock" })).toBeVisible();

  await page.getByRole("link", { name: "New product" }).click();
  const details = page.getByRole("form", { name: "Create product" });
  await details.getByLabel("Title").fill(title);
  await details.getByLabel("Description").fill("Breathable linen for hot days.");
  await details.getByLabel("Category").fill("shirts");
  await details.getByLabel("Brand").fill("Aarya Basics");
  await details.getByLabel("Care").fill("Machine wash cold");
  await details.getByLabel("Fit").fill("Relaxed");
  await details.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();

  await addVariant(page, { sku: `E2E-${serial}-WHT-M`, colour: "White", hex: "#FFFFFF", price: "1499", stock: "5" });
  await addVariant(page, { sku: `E2E-${serial}-BLU-M`, colour: "Indigo", hex: "#1E3A8A", price: "1499", stock: "3" });

  // The Indigo variant has 3 units: an alert at 4 or fewer makes it run low (dashboard, metric, alert)
  const indigo = page.getByRole("row", { name: new RegExp(`E2E-${serial}-BLU-M`) });
  await indigo.getByLabel(`Low-stock alert for E2E-${serial}-BLU-M at (units)`).fill("4");
  await indigo.getByRole("button", { name: "Set" }).click();
  await expect(indigo.getByRole("status")).toContainText("running low at 4 or fewer (it is now)");
  await expect(indigo.getByText("running low", { exact: true })).toBeVisible();

  const invalid = page.getByRole("form", { name: "Add a variant" });
  await invalid.getByLabel("SKU").fill(`E2E-${serial}-WHT-M`);
  await invalid.getByLabel("Colour").fill("Red");
  await invalid.getByLabel("Price (₹)", { exact: true }).fill("1499");
  await invalid.getByRole("button", { name: "Add variant" }).click();
  await expect(invalid.getByRole("alert")).toContainText("SKU");

  const saved = page.getByRole("form", { name: "Save details" });
  await saved.getByLabel("Status").selectOption("active");
  await saved.getByRole("button", { name: "Save details" }).click();
  await expect(saved.getByRole("status")).toContainText("Saved");
  await page.reload();
  await expect(page.getByText(/· live ·/)).toBeVisible();
  await screenshot(page, "admin-product-editor");

  const shopper = await browser.newPage();
  await shopper.goto(`/products?q=${encodeURIComponent(title)}`);
  await shopper.getByRole("link", { name: title }).first().click();
  await expect(shopper.getByRole("heading", { name: title })).toBeVisible();
  const colours = shopper.getByRole("group", { name: /Colour/ });
  await expect(colours.getByRole("radio", { name: "White" })).toBeVisible();
  await expect(colours.getByRole("radio", { name: "Indigo" })).toBeVisible();
  await shopper.close();
});

test("an admin checks a CSV with bad rows and sees each line, with nothing changed", async ({ page }) => {
  await page.goto("/login?next=/admin/products/import");
  await page.getByLabel("E-mail").fill(ADMIN_EMAIL ?? "");
  await page.getByLabel("Password").fill(ADMIN_PASSWORD ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Import and export the catalog" })).toBeVisible();

  const csv = [
    "product_slug,title,description,category,brand,status,attributes,sku,size,colour,colour_hex,price_amount,compare_at_amount,currency,is_active,on_hand",
    "e2e-bad,Bad,,shirts,Aarya,active,,E2E-BAD-1,M,Blue,blue,49900,,,true,1",
    "e2e-bad,Bad,,shirts,Aarya,active,,E2E-BAD-2,L,Blue,,49900,100,,true,1",
  ].join("\n");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check (dry run)" }).click();
  const rows = page.getByRole("table", { name: "Rows to fix" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("2");
  await expect(rows.nth(1)).toContainText("compare_at_amount");
  await expect(page.getByRole("button", { name: "Apply" })).toHaveCount(0);
});
