import { describe, expect, it } from "vitest";
import {
  defaultColour,
  galleryFor,
  imageForColour,
  imageShowsColour,
  variantOptions,
} from "@/lib/api/catalog-options";
import type { ProductImage, Variant } from "@/lib/api/schema";

function variant(colour: string, size: string, available: number, active = true): Variant {
  return {
    id: `${colour}-${size}`,
    sku: `TSH-${colour.slice(0, 3).toUpperCase()}-${size}`,
    size,
    colour,
    colour_hex: "#123456",
    price_amount: 49900,
    compare_at_amount: 69900,
    currency: "INR",
    is_active: active,
    available,
    in_stock: available > 0,
  };
}

const picture = (colour: string, tagged = true): ProductImage => ({
  url: `/media/catalog/tee-${colour.toLowerCase()}.svg`,
  alt: `Classic Crew Neck T-Shirt in ${colour}`,
  ...(tagged ? { colour } : {}),
});

// As the API returns the crew-neck tee: variants in alphabetical colour order, pictures Blue first.
const colours = ["Blue", "White", "Black", "Grey", "Olive"];
const tee = {
  variants: [...colours].sort().flatMap((c) => [variant(c, "M", 5), variant(c, "L", 3)]),
  images: colours.map((c) => picture(c)),
};

describe("defaultColour", () => {
  it("opens on the first picture's colour, not the alphabetically first", () => {
    expect(defaultColour(tee)).toBe("Blue");
  });
  it("reads an older picture's colour from its alt text", () => {
    expect(defaultColour({ ...tee, images: colours.map((c) => picture(c, false)) })).toBe("Blue");
  });
  it("opens on the colour the shopper filtered by, whatever its case", () => {
    expect(defaultColour(tee, "olive")).toBe("Olive");
    expect(defaultColour(tee, ["Purple", "GREY"])).toBe("Grey");
    expect(defaultColour(tee, "Purple")).toBe("Blue");
    expect(defaultColour(tee, "")).toBe("Blue");
  });
  it("prefers a colour in stock", () => {
    const blueSoldOut = {
      ...tee,
      variants: tee.variants.map((v) => (v.colour === "Blue" || v.colour === "Olive" ? { ...v, available: 0, in_stock: false } : v)),
    };
    expect(defaultColour(blueSoldOut)).toBe("White");
    expect(defaultColour(blueSoldOut, "Olive")).toBe("White");
    expect(defaultColour(blueSoldOut, "Black")).toBe("Black");
  });
  it("falls back to the variants when no picture names a colour", () => {
    const plain = { ...tee, images: [{ url: "/media/catalog/tee.svg", alt: "A tee" }] };
    expect(defaultColour(plain)).toBe("Black");
    expect(defaultColour({ variants: [], images: [] })).toBe("");
  });
  it("skips colours no longer sold", () => {
    const withoutBlue = { ...tee, variants: tee.variants.map((v) => (v.colour === "Blue" ? { ...v, is_active: false } : v)) };
    expect(defaultColour(withoutBlue)).toBe("White");
  });
});

describe("pictures of a colour", () => {
  it("matches a tagged colour first, else the alt text, case-insensitively", () => {
    expect(imageShowsColour({ alt: "Tee in Grey", colour: "grey" }, "Grey")).toBe(true);
    expect(imageShowsColour({ alt: "Back in Grey", colour: "Blue" }, "Grey")).toBe(false);
    expect(imageShowsColour({ alt: "Tee in olive" }, "Olive")).toBe(true);
    expect(imageShowsColour({ alt: "Tee in Greyish" }, "Grey")).toBe(false);
    expect(imageShowsColour({ alt: "" }, "")).toBe(false);
  });
  it("picks a line's picture like commerce: the colour's, else the first", () => {
    expect(imageForColour(tee.images, "Black")?.url).toBe("/media/catalog/tee-black.svg");
    expect(imageForColour(tee.images, "Magenta")?.url).toBe("/media/catalog/tee-blue.svg");
    expect(imageForColour([], "Black")).toBeNull();
  });
  it("shows the chosen colour's pictures first, then pictures of no colour, then the others", () => {
    const detail = { url: "/media/catalog/tee-detail.svg", alt: "Stitching detail" };
    const back = { url: "/media/catalog/tee-black-back.svg", alt: "Back view", colour: "Black" };
    const gallery = galleryFor([...tee.images, detail, back], "Black", colours);
    expect(gallery.map((image) => image.url)).toEqual([
      "/media/catalog/tee-black.svg",
      "/media/catalog/tee-black-back.svg",
      "/media/catalog/tee-detail.svg",
      "/media/catalog/tee-blue.svg",
      "/media/catalog/tee-white.svg",
      "/media/catalog/tee-grey.svg",
      "/media/catalog/tee-olive.svg",
    ]);
  });
  it("orders the colour choices as the pictures are ordered", () => {
    expect(variantOptions(tee).colours.map((c) => c.name)).toEqual(colours);
  });
});
