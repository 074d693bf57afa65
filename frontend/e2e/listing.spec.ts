import { devices, expect, test, type Page } from "@playwright/test";
import { screenshot } from "./helpers";

// Issue 16: the listing and the navigation, phone first. Runs in any project: the phone tests set their own size.

const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  userAgent: devices["Pixel 7"].userAgent,
};

function label(slug: string): string {
  return slug
    .split("-")
    .map((word) => (word === "t" ? "T" : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(" ")
    .replace("T Shirts", "T-Shirts");
}

/** The listing once hydrated: the filters drawer settles its open state on load. */
async function openListing(page: Page, path: string) {
  await page.goto(path, { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

function drawerButton(page: Page) {
  return page.locator("form.filters summary");
}

function countIn(text: string | null): number {
  const match = /(\d+) styles?/.exec(text ?? "");
  expect(match, `a count of styles in "${text}"`).not.toBeNull();
  return Number(match?.[1]);
}

test.describe("listing at phone size", () => {
  test.use(PHONE);

  test("shows two compact cards per row, the first of them on the first screen", async ({ page }) => {
    await openListing(page, "/products");
    const cards = page.locator(".product-grid .product-card");
    await expect(cards.nth(1)).toBeVisible();
    const first = await cards.nth(0).boundingBox();
    const second = await cards.nth(1).boundingBox();
    expect(first && second).toBeTruthy();
    if (!first || !second) return;
    expect(Math.abs(first.y - second.y), "side by side").toBeLessThan(2);
    expect(second.x).toBeGreaterThanOrEqual(first.x + first.width - 1);
    expect(first.width).toBeLessThan(390 / 2);
    expect(first.y, "the first product starts on the first screen").toBeLessThan(844);
    expect(first.height, "a compact card, well under a screen").toBeLessThan(844 / 2);
    await screenshot(page, "listing-phone");
  });

  test("keeps the filters in a drawer whose button counts the styles they find", async ({ page }) => {
    await openListing(page, "/products");
    const button = drawerButton(page);
    const categories = page.locator("form.filters").getByRole("group", { name: "Category" });
    await expect(button).toBeVisible();
    await expect(button).toHaveText(/Filters\s*\d+ styles/);
    const box = await button.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await expect(categories).toBeHidden();

    await button.click();
    await expect(categories).toBeVisible();
    await screenshot(page, "listing-phone-filters");
    await categories.getByRole("checkbox", { name: /^T-Shirts/ }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/category=t-shirts/);
    await page.waitForLoadState("networkidle");
    await expect(drawerButton(page)).toHaveText(/Filters \(1\)\s*\d+ styles?/);
    const shown = countIn(await drawerButton(page).textContent());
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(12);
    await expect(page.locator(".product-grid .product-card")).toHaveCount(shown);
  });

  test("shows every category, Trousers too, in the header with 44 px tall links and no sideways scroll", async ({
    page,
    request,
  }) => {
    const facets = (await (await request.get("/api/v1/products/facets")).json()) as { categories: Array<{ value: string }> };
    const names = facets.categories.map((c) => label(c.value));
    expect(names).toContain("Trousers");
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Collections" });
    for (const name of names) {
      const link = nav.getByRole("link", { name, exact: true });
      await expect(link, `${name} in the header`).toBeInViewport({ ratio: 1 });
      const box = await link.boundingBox();
      expect(box?.height ?? 0, `${name} is a 44 px touch target`).toBeGreaterThanOrEqual(44);
    }
    const scrolls = await nav.locator("ul").evaluate((list) => list.scrollWidth > list.clientWidth);
    expect(scrolls, "the categories do not hide in a sideways scroll").toBe(false);
    for (const target of await page.locator("header a, header button, header input").all()) {
      const box = await target.boundingBox();
      if (box) expect(box.height, `header target ${await target.textContent()}`).toBeGreaterThanOrEqual(44);
    }
    await nav.getByRole("link", { name: "Trousers", exact: true }).click();
    await expect(page).toHaveURL(/category=trousers/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trousers");
  });
});

test.describe("listing slips", () => {
  test("a page past the last says so, with no count beside 'Nothing matches', and links back", async ({ page }) => {
    await openListing(page, "/products?page=99");
    await expect(page.getByRole("heading", { name: "Page 99 is past the last page" })).toBeVisible();
    await expect(page.getByText("Nothing matches these filters")).toHaveCount(0);
    await expect(page.locator(".product-grid .product-card")).toHaveCount(0);
    await expect(page.getByText(/There (is|are) \d+ styles? on/)).toBeVisible();
    await page.getByRole("link", { name: /Go to the last page/ }).click();
    await expect(page).toHaveURL(/page=\d+/);
    await expect(page.locator(".product-grid .product-card").first()).toBeVisible();
    await openListing(page, "/products?page=99");
    await page.getByRole("link", { name: "Back to page 1" }).click();
    await expect(page).toHaveURL(/\/products$/);
    await expect(page.locator(".product-grid .product-card").first()).toBeVisible();
  });

  test("the search box keeps the words on the results page, and the filter counts follow them", async ({ page }) => {
    await page.goto("/");
    const search = page.getByRole("searchbox", { name: "Search the shop" });
    await search.fill("kurta");
    await search.press("Enter");
    await expect(page).toHaveURL(/q=kurta/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("kurta");
    await expect(page.getByRole("searchbox", { name: "Search the shop" })).toHaveValue("kurta");

    await page.waitForLoadState("networkidle");
    const total = countIn(await drawerButton(page).textContent());
    const drawer = page.locator("form.filters details");
    if (!(await drawer.evaluate((d) => (d as HTMLDetailsElement).open))) await drawerButton(page).click();
    const counts = await page
      .locator("form.filters")
      .getByRole("group", { name: "Category" })
      .locator("label")
      .allTextContents();
    const sum = counts.map((text) => Number(/\((\d+)\)/.exec(text)?.[1] ?? 0)).reduce((a, b) => a + b, 0);
    expect(sum, "each found style counted once in its category").toBe(total);
    expect(total).toBeLessThan(40);
  });

  test("size guides follow the category: a note for sarees, waist sizes for trousers", async ({ page, request }) => {
    const first = async (category: string) =>
      ((await (await request.get(`/api/v1/products?category=${category}&page_size=1`)).json()) as { items: Array<{ slug: string }> })
        .items[0]?.slug;
    await page.goto(`/products/${await first("sarees")}`);
    await page.locator("summary", { hasText: "Size guide" }).click();
    await expect(page.locator(".size-guide")).toContainText("free size");
    await expect(page.locator(".size-guide table")).toHaveCount(0);
    await page.goto(`/products/${await first("trousers")}`);
    await page.locator("summary", { hasText: "Size guide" }).click();
    await expect(page.locator(".size-guide table")).toContainText("Waist (cm)");
    await expect(page.locator(".size-guide table")).not.toContainText("Chest");
  });

  test("the favicon is served", async ({ page, request }) => {
    const icon = await request.get("/favicon.ico");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/image/);
    await page.goto("/");
    await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /icon|favicon/);
  });

  test("an unknown page is a 404 with a heading, its own title and ways on", async ({ page }) => {
    const response = await page.goto("/no-such-page-anywhere");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page).toHaveTitle(/^Page not found/);
    await expect(page.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
    await page.getByRole("link", { name: "Browse the shop" }).click();
    await expect(page).toHaveURL(/\/products$/);
  });

  test("on a wide screen the filters are an open sidebar beside the products", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await openListing(page, "/products");
    const filters = page.locator("form.filters");
    await expect(filters.getByRole("group", { name: "Category" })).toBeVisible();
    const sidebar = await filters.boundingBox();
    const card = await page.locator(".product-grid .product-card").first().boundingBox();
    expect(sidebar && card && card.x > sidebar.x + sidebar.width - 1).toBe(true);
  });
});
