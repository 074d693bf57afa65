import type { Metadata } from "next";
import { CatalogFilters, SortForm } from "@/components/CatalogFilters";
import { EmptyState } from "@/components/EmptyState";
import { Pagination } from "@/components/Pagination";
import { ProductGrid } from "@/components/ProductCard";
import {
  catalogHref,
  categoryLabel,
  getFacets,
  listProducts,
  parseCatalogQuery,
  type SearchParams,
} from "@/lib/api/catalog";

type Props = { searchParams: Promise<SearchParams> };

function heading(query: ReturnType<typeof parseCatalogQuery>): string {
  if (query.q) return `Results for “${query.q}”`;
  if (query.category.length === 1 && query.category[0]) return categoryLabel(query.category[0]);
  return "All clothing";
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = parseCatalogQuery(await searchParams);
  const title = heading(query);
  const filtered = query.q || query.size.length || query.colour.length || query.minPrice || query.maxPrice || query.page > 1;
  return {
    title,
    description: `${title} at Aarya Clothing: filter by size, colour and price. Free delivery across India.`,
    alternates: { canonical: query.category.length === 1 ? `/products?category=${query.category[0]}` : "/products" },
    robots: filtered ? { index: false, follow: true } : undefined,
  };
}

export default async function CatalogPage({ searchParams }: Props) {
  const query = parseCatalogQuery(await searchParams);
  const [facets, page] = await Promise.all([getFacets(), listProducts(query)]);
  return (
    <>
      <h1>{heading(query)}</h1>
      <div className="catalog">
        <CatalogFilters facets={facets} query={query} />
        <section aria-labelledby="results-heading">
          <div className="toolbar">
            <p id="results-heading" role="status">
              {page.total} {page.total === 1 ? "style" : "styles"}
            </p>
            <SortForm query={query} />
          </div>
          {page.items.length === 0 ? (
            <EmptyState title="Nothing matches these filters" action={{ href: "/products", label: "Clear filters" }}>
              <p>Try fewer filters, another size or colour, or a different search.</p>
            </EmptyState>
          ) : (
            <ProductGrid products={page.items} eagerCount={4} />
          )}
          <Pagination page={page.page} pages={page.pages} href={(p) => catalogHref(query, { page: p })} />
        </section>
      </div>
    </>
  );
}
