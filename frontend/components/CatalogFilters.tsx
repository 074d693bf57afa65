import Link from "next/link";
import { SORTS, activeFilterCount, categoryLabel, type CatalogQuery } from "@/lib/api/catalog-options";
import type { Facets } from "@/lib/api/schema";
import { AutoSubmitSelect } from "./AutoSubmitSelect";

/** The listing's filters as a plain GET form: it works before (and without) JavaScript. */
export function CatalogFilters({ facets, query }: { facets: Facets; query: CatalogQuery }) {
  const count = activeFilterCount(query);
  return (
    <form action="/products" className="filters" aria-labelledby="filters-heading">
      <details open>
        <summary>
          <span id="filters-heading">Filters{count ? ` (${count})` : ""}</span>
        </summary>
        {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
        <fieldset>
          <legend>Category</legend>
          <div className="check-list">
            {facets.categories.map((c) => (
              <label key={c.value} className="check-pill">
                <input type="checkbox" name="category" value={c.value} defaultChecked={query.category.includes(c.value)} />
                <span>
                  {categoryLabel(c.value)} <small>({c.count})</small>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Size</legend>
          <div className="check-list">
            {facets.sizes.map((s) => (
              <label key={s.value} className="check-pill">
                <input type="checkbox" name="size" value={s.value} defaultChecked={query.size.includes(s.value)} />
                <span>{s.value === "FREE" ? "Free size" : s.value}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Colour</legend>
          <div className="check-list">
            {facets.colours.map((c) => (
              <label key={c.value} className="check-pill">
                <input
                  type="checkbox"
                  name="colour"
                  value={c.value}
                  defaultChecked={query.colour.some((q) => q.toLowerCase() === c.value.toLowerCase())}
                />
                <span>
                  <span className="swatch" style={{ background: c.hex ?? "transparent" }} aria-hidden="true" />
                  {c.value}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Price (₹)</legend>
          <div className="field-row">
            <div className="field">
              <label htmlFor="min-price">From</label>
              <input id="min-price" name="min_price" inputMode="numeric" pattern="[0-9]*" defaultValue={query.minPrice} placeholder="0" />
            </div>
            <div className="field">
              <label htmlFor="max-price">To</label>
              <input id="max-price" name="max_price" inputMode="numeric" pattern="[0-9]*" defaultValue={query.maxPrice} placeholder="Any" />
            </div>
          </div>
        </fieldset>
        <div className="filter-actions">
          <button type="submit" className="button">
            Apply filters
          </button>
          {count ? <Link href={query.q ? `/products?q=${encodeURIComponent(query.q)}` : "/products"}>Clear all</Link> : null}
        </div>
      </details>
    </form>
  );
}

/** Sort order: its own GET form carrying the current filters along. */
export function SortForm({ query }: { query: CatalogQuery }) {
  return (
    <form action="/products" className="inline-form">
      {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
      {query.category.map((c) => <input key={`c-${c}`} type="hidden" name="category" value={c} />)}
      {query.size.map((s) => <input key={`s-${s}`} type="hidden" name="size" value={s} />)}
      {query.colour.map((c) => <input key={`o-${c}`} type="hidden" name="colour" value={c} />)}
      {query.minPrice ? <input type="hidden" name="min_price" value={query.minPrice} /> : null}
      {query.maxPrice ? <input type="hidden" name="max_price" value={query.maxPrice} /> : null}
      <label htmlFor="sort">Sort by</label>
      <AutoSubmitSelect id="sort" name="sort" defaultValue={query.sort || (query.q ? "relevance" : "newest")}>
        {SORTS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </AutoSubmitSelect>
      <noscript>
        <button type="submit" className="button small">
          Sort
        </button>
      </noscript>
    </form>
  );
}
