import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Price } from "@/components/Price";
import { SizeGuide } from "@/components/SizeGuide";
import { categoryLabel, defaultColour, findProduct } from "@/lib/api/catalog";
import { minorUnitDigits } from "@/lib/money";
import { ProductView } from "./ProductView";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ colour?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await findProduct((await params).slug);
  if (!product) return { title: "Product not found", robots: { index: false } };
  const description = product.description.slice(0, 160) || `${product.title} by ${product.brand}.`;
  return {
    title: `${product.title} by ${product.brand}`,
    description,
    alternates: { canonical: `/products/${product.slug}` },
    openGraph: {
      title: product.title,
      description,
      type: "website",
      images: product.images.slice(0, 1).map((image) => ({ url: image.url, alt: image.alt })),
    },
  };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const product = await findProduct((await params).slug);
  if (!product || product.status !== "active") notFound();
  const { colour } = await searchParams;
  const digits = minorUnitDigits(product.currency ?? "INR");
  const structuredData = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.title,
    brand: { "@type": "Brand", name: product.brand },
    description: product.description,
    image: product.images.map((image) => image.url),
    offers: product.variants
      .filter((v) => v.is_active)
      .map((v) => ({
        "@type": "Offer",
        sku: v.sku,
        price: (v.price_amount / 10 ** digits).toFixed(digits),
        priceCurrency: v.currency,
        availability: v.in_stock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      })),
  };
  const compareAt = Math.max(0, ...product.variants.map((v) => v.compare_at_amount ?? 0)) || null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link href="/">Home</Link>
          </li>
          <li>
            <Link href={`/products?category=${product.category}`}>{categoryLabel(product.category)}</Link>
          </li>
          <li aria-current="page">{product.title}</li>
        </ol>
      </nav>
      <ProductView
        product={product}
        initialColour={defaultColour(product, colour)}
        header={
          <>
            <p className="muted">{product.brand}</p>
            <h1>{product.title}</h1>
            <p>
              <Price amount={product.min_price_amount} maxAmount={product.max_price_amount} compareAt={compareAt} currency={product.currency} />
            </p>
            <p className="muted">Inclusive of all taxes · Free delivery</p>
          </>
        }
      >
        <SizeGuide category={product.category} sizes={product.variants.filter((v) => v.is_active).map((v) => v.size)} />
        <h2>About this piece</h2>
        <p>{product.description}</p>
        {Object.keys(product.attributes).length ? (
          <dl className="attributes">
            {Object.entries(product.attributes).map(([key, value]) => (
              <div key={key} style={{ display: "contents" }}>
                <dt>{key.replace(/_/g, " ")}</dt>
                <dd>{String(value)}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </ProductView>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(structuredData).replace(/</g, "\\u003c") }} />
    </>
  );
}
