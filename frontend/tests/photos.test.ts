import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProductCard } from "@/components/ProductCard";
import { ProductGallery } from "@/components/ProductGallery";
import type { ProductImage, ProductSummary } from "@/lib/api/schema";
import { movedPhotoOrder, uploadedPhotos, variantColours } from "@/lib/photos";

const ID = ["0b6e6f1c-1d4c-4f6a-9a59-1f0e7b9d0a01", "0b6e6f1c-1d4c-4f6a-9a59-1f0e7b9d0a02", "0b6e6f1c-1d4c-4f6a-9a59-1f0e7b9d0a03"];

function photo(id: string, colour: string | null = null): ProductImage {
  return {
    url: `/media/photos/${id}/w1024.webp`,
    alt: `Kurta in ${colour ?? "every colour"}`,
    colour,
    photo_id: id,
    width: 1200,
    height: 1500,
    srcset: `/media/photos/${id}/w320.webp 320w, /media/photos/${id}/w640.webp 640w, /media/photos/${id}/w1024.webp 1024w`,
  };
}

const external: ProductImage = { url: "https://cdn.example.com/kurta-detail.jpg", alt: "Stitching detail" };

describe("uploadedPhotos", () => {
  it("keeps the gallery entries that are photos, in the gallery's order", () => {
    const images = [photo(ID[0] as string, "White"), external, photo(ID[1] as string, "Indigo")];
    expect(uploadedPhotos(images).map((image) => image.photo_id)).toEqual([ID[0], ID[1]]);
  });
});

describe("movedPhotoOrder", () => {
  const images = [photo(ID[0] as string), external, photo(ID[1] as string), photo(ID[2] as string)];

  it("swaps a photo with its neighbour among the photos, external pictures aside", () => {
    expect(movedPhotoOrder(images, ID[1] as string, -1)).toEqual([ID[1], ID[0], ID[2]]);
    expect(movedPhotoOrder(images, ID[1] as string, 1)).toEqual([ID[0], ID[2], ID[1]]);
  });

  it("leaves the order as it is at either end", () => {
    expect(movedPhotoOrder(images, ID[0] as string, -1)).toEqual(ID);
    expect(movedPhotoOrder(images, ID[2] as string, 1)).toEqual(ID);
  });

  it("is null for a photo the product no longer has", () => {
    expect(movedPhotoOrder(images, "0b6e6f1c-1d4c-4f6a-9a59-1f0e7b9d0aff", 1)).toBeNull();
  });
});

describe("variantColours", () => {
  it("names each colour once, in the order first seen", () => {
    expect(variantColours([{ colour: "White" }, { colour: "Indigo" }, { colour: "White" }])).toEqual(["White", "Indigo"]);
  });
});

describe("pictures with renditions", () => {
  it("the gallery offers the renditions with sizes and the photo's own aspect ratio", () => {
    const html = renderToStaticMarkup(createElement(ProductGallery, { images: [photo(ID[0] as string, "White"), photo(ID[1] as string)], title: "Kurta" }));
    expect(html).toContain(`srcSet="/media/photos/${ID[0]}/w320.webp 320w, /media/photos/${ID[0]}/w640.webp 640w`);
    expect(html).toMatch(/sizes="\(min-width: 1232px\) 610px, [^"]*"/);
    expect(html).toMatch(/sizes="\(min-width: 1232px\) 300px, [^"]*"/);
    expect(html).toContain('width="1200" height="1500"');
  });

  it("an external picture keeps its plain src and the 4:5 default size", () => {
    const html = renderToStaticMarkup(createElement(ProductGallery, { images: [external], title: "Kurta" }));
    expect(html).not.toContain("srcSet");
    expect(html).not.toContain("sizes=");
    expect(html).toContain('width="800" height="1000"');
  });

  it("a product card offers its first photo's renditions", () => {
    const product = {
      id: "p1",
      slug: "kurta",
      title: "Kurta",
      brand: "Aarya",
      images: [photo(ID[0] as string, "White")],
      colours: ["White"],
      sizes: ["M"],
      min_price_amount: 129900,
      max_price_amount: 129900,
      compare_at_amount: null,
      currency: "INR",
      in_stock: true,
    } as unknown as ProductSummary;
    const html = renderToStaticMarkup(createElement(ProductCard, { product }));
    expect(html).toContain(`srcSet="/media/photos/${ID[0]}/w320.webp 320w`);
    expect(html).toContain('sizes="(min-width: 600px) 310px, 50vw"');
    expect(html).toContain('width="1200" height="1500"');
  });
});
