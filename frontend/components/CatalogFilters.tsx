import Link from "next/link";
import { SIZE_ORDER, SORTS, activeFilterCount, categoryLabel, type CatalogQuery } from "@/lib/api/catalog-options";
import type { Facets } from "@/lib/api/schema";
import { CATEGORY_ORDER, filterOptions } from "@/lib/listing";
import { AutoSubmitSelect } from "./AutoSubmitSelect";
import { FiltersDrawer } from "./FiltersDrawer";

function countId(kind: string, value: string): string {
  return `count-${kind}-${value.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

/**
 * A count beside a filter's value: styles found with it under the current search and the other filters.
 * Left out of the checkbox's name (which stays the value, "M") and read as its description instead.
 */
function Count({ id, count }: { id: string; count: number }) {
  return (
    <small id={id} aria-hidden="true">
      ({count})
    </small>
  );
}

/**
 * The listing's filters as a plain GET form: it works before (and without) JavaScript. On phones a drawer
 * whose button says how many filters are on and how many styles they find; on wide screens a sidebar.
 * Counts follow the current search and the other filters (commerce's facets take the listing's query).
 */
export function CatalogFilters({
  facets,
  query,
  total,
  initiallyOpen,
}: {
  facets: Facets;
  query: CatalogQuery;
  total: number;
  initiallyOpen: boolean;
}) {
  const count = activeFilterCount(query);
  const categories = filterOptions(facets.categories, query.category, { order: CATEGORY_ORDER });
  const sizes = filterOptions(facets.sizes, query.size, { order: SIZE_ORDER });
  const colours = filterOptions(facets.colours, query.colour, { caseless: true });
  return (
    <form action="/products" className="filters" aria-labelledby="filters-heading">
      <FiltersDrawer
        initiallyOpen={initiallyOpen}
        summary={
          <summary>
            <span id="filters-heading">Filters{count ? ` (${count})` : ""}</span>
            <span className="filters-total">
              {total} {total === 1 ? "style" : "styles"}
            </span>
          </summary>
        }
      >
        {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
        <fieldset>
          <legend>Category</legend>
          <div className="check-list">
            {categories.map((c) => (
              <label key={c.value} className="check-pill">
                <input type="checkbox" name="category" value={c.value} defaultChecked={c.checked} />
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
            {sizes.map((s) => (
              <label key={s.value} className="check-pill">
                <input
                  type="checkbox"
                  name="size"
                  value={s.value}
                  defaultChecked={s.checked}
                  aria-describedby={countId("size", s.value)}
                />
                <span>
                  {s.value === "FREE" ? "Free size" : s.value} <Count id={countId("size", s.value)} count={s.count} />
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Colour</legend>
          <div className="check-list">
            {colours.map((c) => (
              <label key={c.value} className="check-pill">
                <input
                  type="checkbox"
                  name="colour"
                  value={c.value}
                  defaultChecked={c.checked}
                  aria-describedby={countId("colour", c.value)}
                />
                <span>
                  <span className="swatch" style={{ background: c.hex ?? "transparent" }} aria-hidden="true" />
                  {c.value} <Count id={countId("colour", c.value)} count={c.count} />
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
      </FiltersDrawer>
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
