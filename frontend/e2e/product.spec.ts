import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectAccessible, screenshot, uniqueEmail } from "./helpers";

/**
 * Colour-true product pages (issue 16). The crew-neck tee's first picture is Blue, though Black comes first in
 * the alphabet (and first in the API's variant list): the page must open on Blue, the gallery must follow the
 * chosen colour, the choice must stay highlighted after adding, and the cart line must show that colour's
 * picture, for a guest and for a signed-in shopper alike.
 */
const TEE = "/products/classic-crew-neck-t-shirt";

const colours = (page: Page) => page.getByRole("group", { name: /^Colour/ });
const sizes = (page: Page) => page.getByRole("group", { name: /^Size/ });
const mainPicture = (page: Page) => page.locator(".gallery img").first();

/** The colour a picture shows, read from its alt text ("Classic Crew Neck T-Shirt in Blue"). */
async function pictureColour(picture: Locator): Promise<string> {
  const alt = (await picture.getAttribute("alt")) ?? "";
  return /\bin ([A-Za-z ]+)$/.exec(alt)?.[1]?.trim() ?? "";
}

async function chosenColour(page: Page): Promise<string> {
  return (await colours(page).getByRole("radio", { checked: true }).inputValue()).trim();
}

/** Picks the first size in stock in the chosen colour; returns it. */
async function chooseSize(page: Page): Promise<string> {
  const size = sizes(page).getByRole("radio", { disabled: false }).first();
  const value = await size.inputValue();
  await size.check();
  await expect(size).toBeChecked();
  return value;
}

async function addToCart(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Added 1 to your cart/ })).toBeVisible();
}

/** The cart holds one line of the tee in `colour` and `size`, showing `picture` (the product page's photo of that colour). */
async function expectCartLine(page: Page, colour: string, size: string, picture: string): Promise<void> {
  await page.goto("/cart");
  await expect(page.getByRole("heading", { name: "Your cart", exact: true })).toBeVisible();
  const line = page.locator(".cart-line", { hasText: "Classic Crew Neck T-Shirt" }).filter({ hasText: `${colour} · Size ${size}` });
  await expect(line).toHaveCount(1);
  const image = line.locator("img");
  await expect(image).toHaveAttribute("src", picture);
  await expect(image).toHaveAttribute("alt", new RegExp(`in ${colour}$`, "i"));
}

test.describe("colour-true product page", () => {
  test("opens on the main picture's colour and adds that colour to the cart", async ({ page }, info) => {
    await page.goto(TEE);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Crew Neck T-Shirt/);

    // The picture and the pre-selected colour agree, and it is the first picture's (not the alphabet's) colour.
    await expect(mainPicture(page)).toBeVisible();
    const shown = await pictureColour(mainPicture(page));
    expect(shown).toBe("Blue");
    expect(await chosenColour(page)).toBe(shown);
    await expect(page.getByTestId("chosen-colour")).toHaveText(shown);

    if ((page.viewportSize()?.width ?? 1366) < 768) {
      // Phones: the price and Add to cart show without scrolling past the pictures.
      await expect(page.locator(".buy-bar")).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole("button", { name: "Choose a size" })).toBeInViewport({ ratio: 1 });
      await expect(page.locator(".buy-bar-price")).toContainText("₹");
    }

    const size = await chooseSize(page);
    await addToCart(page);

    // The choice stays highlighted after adding (React resets a form after its action).
    await expect(colours(page).getByRole("radio", { name: new RegExp(`^${shown}`) })).toBeChecked();
    await expect(sizes(page).getByRole("radio", { checked: true })).toHaveValue(size);
    await expect(page.locator(".stock-note")).toContainText(`${shown}, size ${size}`);
    await expect(mainPicture(page)).toHaveAttribute("alt", new RegExp(`in ${shown}$`));
    await screenshot(page, `product-added-${info.project.name}`);

    await expectCartLine(page, shown, size, (await mainPicture(page).getAttribute("src")) ?? "");
  });

  test("the gallery follows the chosen colour, and so does a signed-in cart line", async ({ page }, info) => {
    // A fresh account: registering signs in (the cart is then commerce's, not the guest cookie).
    await page.goto("/register");
    await page.getByLabel("Full name").fill("Meera Iyer");
    await page.getByLabel("E-mail").fill(uniqueEmail("e2e.colour"));
    await page.getByLabel("Password").fill("Kurta2026!");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Verify your e-mail" })).toBeVisible({ timeout: 30_000 });

    await page.goto(TEE, { waitUntil: "networkidle" });
    expect(await chosenColour(page)).toBe("Blue");
    await colours(page).getByRole("radio", { name: /^Black/ }).check();
    await expect(page.getByTestId("chosen-colour")).toHaveText("Black");
    await expect(mainPicture(page)).toHaveAttribute("alt", /in Black$/);
    await expect(mainPicture(page)).toHaveAttribute("src", /^\/media\/photos\/[0-9a-f-]+\/w\d+\.webp$/);
    await expect(page).toHaveURL(/[?&]colour=Black\b/);

    const size = await chooseSize(page);
    await addToCart(page);
    await expect(colours(page).getByRole("radio", { name: /^Black/ })).toBeChecked();
    await expect(sizes(page).getByRole("radio", { checked: true })).toHaveValue(size);
    await expect(mainPicture(page)).toHaveAttribute("alt", /in Black$/);
    await screenshot(page, `product-black-${info.project.name}`);

    await expectCartLine(page, "Black", size, (await mainPicture(page).getAttribute("src")) ?? "");
  });

  test("opens on the colour the shopper filtered by", async ({ page }) => {
    await page.goto(`${TEE}?colour=grey`);
    expect(await chosenColour(page)).toBe("Grey");
    await expect(mainPicture(page)).toHaveAttribute("alt", /in Grey$/);
    await expectAccessible(page, "product opened on a colour");
  });
});
