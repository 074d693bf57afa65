import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import {
  addVariant,
  continueToPayment,
  expectAccessible,
  payWithTestCard,
  screenshot,
  signInAsAdmin,
  signUpFromCart,
  uniqueEmail,
} from "./helpers";

/**
 * Product photos (issue 17, "Done when"): an admin creates a product in two colours, uploads a photo for each (and
 * is told in words why a file that is not a picture is refused), reorders them and publishes the product; the shop's
 * product page shows each colour's photo with a srcset of WebP renditions served from /media/photos/; a shopper buys
 * it with a discount code; the admin ships it with a tracking number and the shopper sees it.
 */

const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD;
const FIXTURES = path.join(__dirname, "fixtures");
const RENDITIONS = /^\/media\/photos\/[0-9a-f-]+\/w\d+\.webp \d+w(, \/media\/photos\/[0-9a-f-]+\/w\d+\.webp \d+w)*$/;

test.skip(!ADMIN_EMAIL || !ADMIN_PASSWORD, "set E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD (python -m core.cli create-admin)");

async function uploadPhoto(page: Page, file: string, colour: string, alt: string) {
  const form = page.getByRole("form", { name: "Upload a photo" });
  await form.getByLabel("Photo file").setInputFiles(path.join(FIXTURES, file));
  await form.getByLabel("Colour").selectOption(colour);
  await form.getByLabel("Alt text").fill(alt);
  await form.getByRole("button", { name: "Upload photo" }).click();
  await expect(page.getByRole("form", { name: "Upload a photo" }).getByRole("status")).toContainText(`for ${colour}`);
}

/** The product page's main picture, once the shopper has picked `colour`. */
async function expectColourPhoto(page: Page, colour: string, alt: string) {
  await page.getByRole("group", { name: /^Colour/ }).getByRole("radio", { name: new RegExp(`^${colour}`) }).check();
  const main = page.locator(".gallery img").first();
  await expect(main).toHaveAttribute("alt", alt);
  await expect(main).toHaveAttribute("src", /^\/media\/photos\/[0-9a-f-]+\/w\d+\.webp$/);
  await expect(main).toHaveAttribute("srcset", RENDITIONS);
  await expect(main).toHaveAttribute("sizes", /\S/);
  // The browser chose one of the renditions and decoded it.
  await expect.poll(() => main.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(await main.evaluate((img: HTMLImageElement) => new URL(img.currentSrc).pathname)).toMatch(/^\/media\/photos\/[0-9a-f-]+\/w\d+\.webp$/);
  return (await main.getAttribute("src")) ?? "";
}

test("an admin publishes a product with a photo per colour, a shopper buys it with a discount code and sees it shipped", async ({
  page,
  browser,
}) => {
  const serial = Date.now().toString(36).toUpperCase();
  const title = `E2E Photo Kurta ${serial}`;
  const code = `E2EPH${serial}`;
  const trackingNumber = `AWB${Date.now()}`;

  // The admin, in a browser of their own, creates the product with two colours.
  const staff = await browser.newContext();
  const admin = await staff.newPage();
  await signInAsAdmin(admin, "/admin/products");
  await expect(admin.getByRole("heading", { name: "Products and stock" })).toBeVisible();
  await admin.getByRole("link", { name: "New product" }).click();
  const details = admin.getByRole("form", { name: "Create product" });
  await details.getByLabel("Title").fill(title);
  await details.getByLabel("Description").fill("Cotton kurta photographed in both its colours.");
  await details.getByLabel("Category").fill("kurtas");
  await details.getByLabel("Brand").fill("Aarya Basics");
  await details.getByRole("button", { name: "Create product" }).click();
  await expect(admin.getByRole("heading", { name: title })).toBeVisible();
  await addVariant(admin, { sku: `E2E-${serial}-WHT-M`, colour: "White", hex: "#FFFFFF", price: "1299", stock: "5" });
  await addVariant(admin, { sku: `E2E-${serial}-IND-M`, colour: "Indigo", hex: "#1E3A8A", price: "1299", stock: "5" });

  // A file that is not a picture is refused in words, whatever its name says.
  const upload = admin.getByRole("form", { name: "Upload a photo" });
  await upload.getByLabel("Photo file").setInputFiles({ name: "kurta.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not a picture\n") });
  await upload.getByRole("button", { name: "Upload photo" }).click();
  await expect(upload.getByRole("alert")).toContainText("not a JPEG, PNG or WebP picture");

  // A photo per colour, with alt text; then the Indigo one is moved to the front.
  const whiteAlt = `${title} in White, front`;
  const indigoAlt = `${title} in Indigo, front`;
  await uploadPhoto(admin, "photo-white.jpg", "White", whiteAlt);
  await uploadPhoto(admin, "photo-indigo.png", "Indigo", indigoAlt);
  const photos = admin.getByRole("list", { name: "Photos" }).getByRole("listitem");
  await expect(photos).toHaveCount(2);
  await expect(photos.nth(0).getByRole("img")).toHaveAttribute("alt", whiteAlt);
  await expect(photos.nth(1).getByRole("img")).toHaveAttribute("alt", indigoAlt);
  await expect(photos.nth(0).getByRole("img")).toHaveAttribute("srcset", RENDITIONS);
  await photos.nth(1).getByRole("button", { name: "Move up photo 2" }).click();
  await expect(photos.nth(0).getByRole("img")).toHaveAttribute("alt", indigoAlt);
  await expect(photos.nth(1).getByRole("img")).toHaveAttribute("alt", whiteAlt);

  // Published.
  const saved = admin.getByRole("form", { name: "Save details" });
  await saved.getByLabel("Status").selectOption("active");
  await saved.getByRole("button", { name: "Save details" }).click();
  await expect(saved.getByRole("status")).toContainText("Saved");
  await admin.reload();
  await expect(admin.getByText(/· live ·/)).toBeVisible();
  await screenshot(admin, "admin-product-photos");
  await expectAccessible(admin, "admin product editor with photos");
  const shopPath = (await admin.getByRole("link", { name: "view in shop" }).getAttribute("href")) ?? "";
  expect(shopPath).toMatch(/^\/products\/[a-z0-9-]+$/);

  // A 10% code for the shopper.
  await admin.goto("/admin/discounts");
  const discount = admin.getByRole("form", { name: "New discount code" });
  await discount.getByLabel("Code").fill(code);
  await discount.getByLabel("Kind").selectOption("percentage");
  await discount.getByLabel("Value").fill("10");
  await discount.getByLabel("Total uses").fill("1");
  await discount.getByLabel("Uses per customer").fill("1");
  await discount.getByRole("button", { name: "Create code" }).click();
  await expect(discount.getByRole("status")).toHaveText(`${code} created.`);

  // The shop shows each colour's photo, served as immutable WebP from /media/photos/.
  await page.goto(shopPath);
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  const whiteSrc = await expectColourPhoto(page, "White", whiteAlt);
  const indigoSrc = await expectColourPhoto(page, "Indigo", indigoAlt);
  expect(indigoSrc).not.toBe(whiteSrc);
  const served = await page.request.get(indigoSrc);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toMatch(/^image\/webp\b/);
  expect(served.headers()["cache-control"]).toContain("immutable");
  await screenshot(page, "product-photos");

  // The shopper buys it in Indigo with the code.
  await page.getByRole("group", { name: /^Size/ }).getByRole("radio", { disabled: false }).first().check();
  await page.getByRole("button", { name: "Add to cart" }).first().click();
  await expect(page.getByRole("link", { name: /Cart, 1 item/ }).first()).toBeVisible();
  const email = uniqueEmail("e2e.photos");
  await signUpFromCart(page, { name: "Ananya Rao", email, password: "Kurta2026!" });
  await page.goto("/cart");
  await expect(page.locator(".cart-line img")).toHaveAttribute("src", indigoSrc);
  await page.getByLabel("Discount code").fill(code);
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page.getByTestId("discount-status")).toContainText(`${code} applied`);
  await page.getByRole("link", { name: "Check out" }).click();
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await expect(page.locator(".summary")).toContainText(`Discount (${code})`);
  const orderId = await continueToPayment(page, {
    name: "Ananya Rao",
    line1: "14 Jayanagar 4th Block",
    city: "Bengaluru",
    state: "Karnataka",
    pin: "560011",
    phone: "+91 98450 12345",
  });
  await payWithTestCard(page);
  await page.goto(`/orders/${orderId}`);
  await expect(page.locator("table")).toContainText(`Discount (${code})`);
  await expect(page.locator(".order-line img")).toHaveAttribute("src", indigoSrc);

  // The admin ships it with a tracking number once the payment has reached commerce.
  await admin.goto(`/admin/orders/${orderId}`);
  const ship = admin.getByRole("button", { name: "Mark as shipped" });
  await expect(async () => {
    await admin.reload();
    await expect(ship).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await admin.getByLabel("Carrier").fill("Delhivery");
  await admin.getByLabel("Tracking number").fill(trackingNumber);
  await ship.click();
  await expect(admin.locator(".shipment-tracking")).toContainText(trackingNumber);
  await staff.close();

  // The shopper sees it shipped.
  await page.goto(`/orders/${orderId}`);
  await expect(page.locator(".shipment-tracking")).toContainText("Delhivery");
  await expect(page.locator(".shipment-tracking")).toContainText(trackingNumber);
});
