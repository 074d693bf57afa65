import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
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
import { pageState } from "@/lib/listing";

// The highest page commerce serves; a higher one is past the last page anyway.
const MAX_PAGE = 1_000_000;

/** Phones get the filters as a closed drawer from the first byte (Client Hints, else the user agent). */
async function isPhone(): Promise<boolean> {
  const request = await headers();
  const hint = request.get("sec-ch-ua-mobile");
  if (hint) return hint === "?1";
  return /Mobi|Android|iPhone|iPod/i.test(request.get("user-agent") ?? "");
}

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
  const [facets, page, phone] = await Promise.all([
    getFacets(query),
    listProducts({ ...query, page: Math.min(query.page, MAX_PAGE) }),
    isPhone(),
  ]);
  const state = pageState(query.page, page.pages, page.total);
  const styles = `${page.total} ${page.total === 1 ? "style" : "styles"}`;
  return (
    <>
      <h1>{heading(query)}</h1>
      <div className="catalog">
        <CatalogFilters facets={facets} query={query} total={page.total} initiallyOpen={!phone} />
        <section aria-labelledby="results-heading" className="results">
          {state.kind === "past-last" ? null : (
            <div className="toolbar">
              <p id="results-heading" role="status">
                {styles}
              </p>
              <SortForm query={query} />
            </div>
          )}
          {state.kind === "empty" ? (
            <EmptyState title="Nothing matches these filters" action={{ href: "/products", label: "Clear filters" }}>
              <p>Try fewer filters, another size or colour, or a different search.</p>
            </EmptyState>
          ) : state.kind === "past-last" ? (
            <div className="empty">
              <h2 id="results-heading">Page {query.page} is past the last page</h2>
              <p>
                There {page.total === 1 ? "is" : "are"} {styles} on {state.last === 1 ? "one page" : `${state.last} pages`}.
              </p>
              <p className="past-last-links">
                {state.last > 1 ? (
                  <Link className="button" href={catalogHref(query, { page: state.last })}>
                    Go to the last page ({state.last})
                  </Link>
                ) : null}
                <Link className={state.last > 1 ? "button secondary" : "button"} href={catalogHref(query, { page: 1 })}>
                  Back to page 1
                </Link>
              </p>
            </div>
          ) : (
            <ProductGrid products={page.items} eagerCount={4} />
          )}
          {state.kind === "results" ? (
            <Pagination page={page.page} pages={page.pages} href={(p) => catalogHref(query, { page: p })} />
          ) : null}
        </section>
      </div>
    </>
  );
}
