"use client";

import { usePathname } from "next/navigation";
import { useMemo, useState } from "react";
import { ProductGallery } from "@/components/ProductGallery";
import { VariantPicker } from "@/components/VariantPicker";
import { galleryFor, variantOptions } from "@/lib/api/catalog-options";
import type { Product } from "@/lib/api/schema";

/**
 * The product page's gallery and pickers, sharing the chosen colour: the gallery shows that colour's
 * pictures first, and the page's address follows the choice (?colour=) so a reload or a shared link opens
 * on it. `header` (brand, title, price) and `children` (size guide, description) come from the server.
 */
export function ProductView({
  product,
  initialColour,
  header,
  children,
}: {
  product: Product;
  initialColour: string;
  header: React.ReactNode;
  children: React.ReactNode;
}) {
  const [colour, setColour] = useState(initialColour);
  const names = useMemo(() => variantOptions(product).colours.map((c) => c.name), [product]);
  const images = useMemo(() => galleryFor(product.images, colour, names), [product.images, colour, names]);
  const pathname = usePathname();
  const choose = (next: string) => {
    setColour(next);
    // The address follows the colour through the History API (Next's router keeps in step with it). Not
    // router.replace: its server round trip, still pending when the shopper pressed "Add to cart", held the
    // add-to-cart action behind it ("Adding…" for good in the browser suite).
    const params = new URLSearchParams(window.location.search);
    params.set("colour", next);
    window.history.replaceState(window.history.state, "", `${pathname}?${params}`);
  };
  return (
    <article className="product">
      <ProductGallery key={colour} images={images} title={product.title} />
      <div className="product-info">
        {header}
        {product.in_stock ? (
          <VariantPicker product={product} colour={colour} onColourChange={choose} />
        ) : (
          <p className="notice error">Sold out in every size and colour.</p>
        )}
        {children}
      </div>
    </article>
  );
}
