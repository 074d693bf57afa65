import Link from "next/link";
import type { ProductSummary } from "@/lib/api/schema";
import { sizeSpan } from "@/lib/listing";
import { Price } from "./Price";

// Two cards a row on phones; from 600 px columns of 200 px or more, at most ~310 px wide (listing.css).
const CARD_SIZES = "(min-width: 600px) 310px, 50vw";

export function ProductCard({ product, eager = false }: { product: ProductSummary; eager?: boolean }) {
  const image = product.images[0];
  const colours = product.colours.length;
  return (
    <Link href={`/products/${product.slug}`} className="product-card">
      {image ? (
        // eslint-disable-next-line @next/next/no-img-element -- commerce makes the renditions (srcset)
        <img
          src={image.url}
          srcSet={image.srcset ?? undefined}
          sizes={image.srcset ? CARD_SIZES : undefined}
          alt={image.alt || product.title}
          width={image.width ?? 400}
          height={image.height ?? 500}
          loading={eager ? "eager" : "lazy"}
        />
      ) : null}
      <span className="body">
        <span className="brand">{product.brand}</span>
        <span className="title">{product.title}</span>
        <Price
          amount={product.min_price_amount}
          maxAmount={product.max_price_amount}
          compareAt={product.compare_at_amount}
          currency={product.currency}
        />
        <span className="muted meta">
          {colours} {colours === 1 ? "colour" : "colours"}
          {product.sizes.length ? ` · ${sizeSpan(product.sizes)}` : ""}
        </span>
        {product.in_stock ? null : <span className="sold-out">Sold out</span>}
      </span>
    </Link>
  );
}

export function ProductGrid({ products, eagerCount = 0 }: { products: ProductSummary[]; eagerCount?: number }) {
  return (
    <ul className="product-grid">
      {products.map((product, index) => (
        <li key={product.id}>
          <ProductCard product={product} eager={index < eagerCount} />
        </li>
      ))}
    </ul>
  );
}
