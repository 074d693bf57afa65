/** The catalog: what the listing, filters and product pages ask of commerce. */
import { cache } from "react";
import { PAGE_SIZE, toProductQuery, type CatalogQuery } from "./catalog-options";
import { unwrap } from "./errors";
import type { Facets, Product, ProductFiltersQuery, ProductPage } from "./schema";
import { services } from "./server";

export * from "./catalog-options";

export async function listProducts(query: CatalogQuery, pageSize: number = PAGE_SIZE): Promise<ProductPage> {
  const api = await services();
  return unwrap(await api.commerce.GET("/api/v1/products", { params: { query: toProductQuery(query, pageSize) } }));
}

export async function listProductsRaw(query: ProductFiltersQuery): Promise<ProductPage> {
  const api = await services();
  return unwrap(await api.commerce.GET("/api/v1/products", { params: { query } }));
}

// The whole catalog's facets: the header (every page) and the home page ask once per request.
const allFacets = cache(async (): Promise<Facets> => {
  const api = await services();
  return unwrap(await api.commerce.GET("/api/v1/products/facets"));
});

/** The filters' values with counts; given the listing's query, counted under its search and other filters. */
export async function getFacets(query?: CatalogQuery): Promise<Facets> {
  if (!query) return allFacets();
  const api = await services();
  const { q, category, size, colour, min_price, max_price } = toProductQuery(query);
  return unwrap(
    await api.commerce.GET("/api/v1/products/facets", {
      params: { query: { q, category, size, colour, min_price, max_price } },
    }),
  );
}

/** A product by slug or id, or null when there is none (or it is not published). */
export const findProduct = cache(async (slugOrId: string): Promise<Product | null> => {
  const api = await services();
  const result = await api.commerce.GET("/api/v1/products/{product_id}", {
    params: { path: { product_id: slugOrId } },
  });
  if (result.response.status === 404) return null;
  return unwrap(result);
});
