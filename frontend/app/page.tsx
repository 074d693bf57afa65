import Link from "next/link";
import { ProductGrid } from "@/components/ProductCard";
import { categoryLabel, getFacets, listProductsRaw } from "@/lib/api/catalog";

export default async function HomePage() {
  const [facets, newest] = await Promise.all([getFacets(), listProductsRaw({ sort: "newest", page_size: 8 })]);
  return (
    <>
      <section className="hero" aria-labelledby="hero-heading">
        <h1 id="hero-heading">Made for Indian summers and every celebration</h1>
        <p>Breathable cottons for every day, handwoven classics for the days that matter. Free delivery, easy returns.</p>
        <Link className="button" href="/products">
          Shop the collection
        </Link>
      </section>
      <section aria-labelledby="collections-heading">
        <div className="section-head">
          <h2 id="collections-heading">Featured collections</h2>
          <Link href="/products">See everything</Link>
        </div>
        <ul className="collections">
          {facets.categories.map((category) => (
            <li key={category.value}>
              <Link className="collection-card" href={`/products?category=${encodeURIComponent(category.value)}`}>
                <strong>{categoryLabel(category.value)}</strong>
                <span className="muted">{category.count} styles</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="new-heading">
        <div className="section-head">
          <h2 id="new-heading">New arrivals</h2>
          <Link href="/products?sort=newest">See all new</Link>
        </div>
        <ProductGrid products={newest.items} eagerCount={4} />
      </section>
    </>
  );
}
