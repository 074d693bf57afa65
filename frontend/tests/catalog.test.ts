import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  catalogHref,
  categoryLabel,
  parseCatalogQuery,
  stockLabel,
  toProductQuery,
  variantOptions,
} from "@/lib/api/catalog";
import type { Variant } from "@/lib/api/schema";

describe("catalog query", () => {
  it("reads filters, sort and page from the URL and drops what is invalid", () => {
    const query = parseCatalogQuery({
      q: " tee ",
      category: "t-shirts",
      size: ["M", "HUGE"],
      colour: ["Blue", ""],
      min_price: "200",
      max_price: "ten",
      sort: "price_asc",
      page: "2",
    });
    expect(query).toEqual({
      q: "tee",
      category: ["t-shirts"],
      size: ["M"],
      colour: ["Blue"],
      minPrice: "200",
      maxPrice: "",
      sort: "price_asc",
      page: 2,
    });
    expect(activeFilterCount(query)).toBe(4);
  });
  it("falls back to page 1 and the default sort", () => {
    expect(parseCatalogQuery({ page: "-3", sort: "cheapest" })).toMatchObject({ page: 1, sort: "" });
  });
  it("turns rupees into paise for the API", () => {
    const query = parseCatalogQuery({ size: "M", colour: "Blue", min_price: "500", max_price: "1000" });
    expect(toProductQuery(query)).toEqual({
      page: 1,
      page_size: 12,
      size: ["M"],
      colour: ["Blue"],
      min_price: 50000,
      max_price: 100000,
    });
  });
  it("builds listing URLs; changing a filter resets the page", () => {
    const query = parseCatalogQuery({ category: "t-shirts", size: "M", page: "3" });
    expect(catalogHref(query, { page: 4 })).toBe("/products?category=t-shirts&size=M&page=4");
    expect(catalogHref(query, { colour: ["Blue"] })).toBe("/products?category=t-shirts&size=M&colour=Blue");
    expect(catalogHref(parseCatalogQuery({}))).toBe("/products");
  });
  it("labels categories", () => {
    expect(categoryLabel("t-shirts")).toBe("T-Shirts");
    expect(categoryLabel("kurtas")).toBe("Kurtas");
  });
});

function variant(size: string, colour: string, available: number, active = true): Variant {
  return {
    id: `${size}-${colour}`,
    sku: `SKU-${size}-${colour}`,
    size,
    colour,
    colour_hex: colour === "Blue" ? "#2f5da8" : "#1c1c1c",
    price_amount: 79900,
    compare_at_amount: null,
    currency: "INR",
    is_active: active,
    available,
    in_stock: available > 0,
  };
}

describe("variantOptions", () => {
  const product = {
    variants: [variant("L", "Blue", 0), variant("M", "Blue", 3), variant("S", "Black", 9), variant("XL", "Blue", 4, false)],
  };
  it("lists colours with their stock and sizes in size order", () => {
    const options = variantOptions(product);
    expect(options.colours.map((c) => [c.name, c.available])).toEqual([
      ["Blue", 3],
      ["Black", 9],
    ]);
    expect(options.sizes).toEqual(["S", "M", "L"]);
  });
  it("shows the stock of each size in a colour, and sizes not made in it", () => {
    const blue = variantOptions(product).sizesFor("Blue");
    expect(blue.map((s) => [s.size, s.available, s.variant?.id ?? null])).toEqual([
      ["S", 0, null],
      ["M", 3, "M-Blue"],
      ["L", 0, "L-Blue"],
    ]);
  });
  it("words stock for shoppers", () => {
    expect(stockLabel(0)).toBe("Out of stock");
    expect(stockLabel(3)).toBe("Only 3 left");
    expect(stockLabel(40)).toBe("In stock");
  });
});
