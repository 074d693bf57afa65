/** The catalog's pure logic (URL state, API query, pickers), safe for client components. */
import { majorToMinor } from "../money";
import type { Product, ProductFiltersQuery, ProductImage, ProductSort, Variant } from "./schema";

export const PAGE_SIZE = 12;
export const SIZE_ORDER = ["XS", "S", "M", "L", "XL", "XXL", "FREE"] as const;
export const SORTS: Array<{ value: ProductSort; label: string }> = [
  { value: "newest", label: "Newest" },
  { value: "price_asc", label: "Price: low to high" },
  { value: "price_desc", label: "Price: high to low" },
  { value: "title", label: "Name" },
  { value: "relevance", label: "Best match" },
];

type Size = (typeof SIZE_ORDER)[number];
export type SearchParams = Record<string, string | string[] | undefined>;

/** The listing's state as the URL holds it; prices in whole rupees as the shopper typed them. */
export interface CatalogQuery {
  q: string;
  category: string[];
  size: string[];
  colour: string[];
  minPrice: string;
  maxPrice: string;
  sort: ProductSort | "";
  page: number;
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean);
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

export function parseCatalogQuery(params: SearchParams): CatalogQuery {
  const sort = single(params.sort);
  const page = Number.parseInt(single(params.page), 10);
  return {
    q: single(params.q).slice(0, 100),
    category: list(params.category),
    size: list(params.size).filter((s): s is Size => (SIZE_ORDER as readonly string[]).includes(s)),
    colour: list(params.colour),
    minPrice: /^\d+$/.test(single(params.min_price)) ? single(params.min_price) : "",
    maxPrice: /^\d+$/.test(single(params.max_price)) ? single(params.max_price) : "",
    sort: SORTS.some((s) => s.value === sort) ? (sort as ProductSort) : "",
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function toProductQuery(query: CatalogQuery, pageSize: number = PAGE_SIZE): ProductFiltersQuery {
  const apiQuery: ProductFiltersQuery = { page: query.page, page_size: pageSize };
  if (query.q) apiQuery.q = query.q;
  if (query.category.length) apiQuery.category = query.category;
  if (query.size.length) apiQuery.size = query.size as ProductFiltersQuery["size"];
  if (query.colour.length) apiQuery.colour = query.colour;
  const min = majorToMinor(query.minPrice);
  const max = majorToMinor(query.maxPrice);
  if (min !== undefined) apiQuery.min_price = min;
  if (max !== undefined) apiQuery.max_price = max;
  if (query.sort) apiQuery.sort = query.sort;
  return apiQuery;
}

/** The listing URL for `query` with `changes` applied (a filter change goes back to page 1). */
export function catalogHref(query: CatalogQuery, changes: Partial<CatalogQuery> = {}): string {
  const next = { ...query, page: 1, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  for (const c of next.category) params.append("category", c);
  for (const s of next.size) params.append("size", s);
  for (const c of next.colour) params.append("colour", c);
  if (next.minPrice) params.set("min_price", next.minPrice);
  if (next.maxPrice) params.set("max_price", next.maxPrice);
  if (next.sort) params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return search ? `/products?${search}` : "/products";
}

export function activeFilterCount(query: CatalogQuery): number {
  return (
    query.category.length +
    query.size.length +
    query.colour.length +
    (query.minPrice ? 1 : 0) +
    (query.maxPrice ? 1 : 0)
  );
}

export function categoryLabel(slug: string): string {
  return slug
    .split("-")
    .map((word) => (word === "t" ? "T" : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(" ")
    .replace("T Shirts", "T-Shirts");
}

export interface ColourOption {
  name: string;
  hex: string | null;
  available: number;
}

export interface SizeOption {
  size: string;
  variant: Variant | null;
  available: number;
}

type PictureSource = Pick<ProductImage, "alt" | "colour">;

/** Whether a picture shows `colour`: its own colour when it has one, else an alt text "… in <Colour>"
 * (pictures saved before they had a colour). Case-insensitive, as the commerce service decides it. */
export function imageShowsColour(image: PictureSource, colour: string): boolean {
  const wanted = colour.trim().toLowerCase();
  if (!wanted) return false;
  const tagged = image.colour?.trim();
  if (tagged) return tagged.toLowerCase() === wanted;
  return (image.alt ?? "").trim().toLowerCase().endsWith(` in ${wanted}`);
}

/** The colour (one of `colours`) a picture shows, or null for a picture of no one colour. */
export function imageColour(image: PictureSource, colours: string[]): string | null {
  return colours.find((colour) => imageShowsColour(image, colour)) ?? null;
}

/** The picture of a cart or order line: the variant colour's, else the product's first (as commerce picks it). */
export function imageForColour<T extends PictureSource>(images: T[], colour: string): T | null {
  return images.find((image) => imageShowsColour(image, colour)) ?? images[0] ?? null;
}

/** The gallery for a colour: its pictures first, then pictures of no one colour, then the other colours'. */
export function galleryFor<T extends PictureSource>(images: T[], colour: string, colours: string[]): T[] {
  const rank = (image: T) => {
    if (imageShowsColour(image, colour)) return 0;
    return imageColour(image, colours) === null ? 1 : 2;
  };
  return images
    .map((image, index) => ({ image, index, rank: rank(image) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.image);
}

/**
 * The colour a product page opens on: the colour the shopper filtered by (case-insensitive; the first of
 * several that the product has), else the colour of the first picture, so the picture and the chosen colour
 * agree; an in-stock colour is preferred (then the next picture's colour, then any colour in stock).
 */
export function defaultColour(
  product: Pick<Product, "variants" | "images">,
  requested?: string | string[] | null,
): string {
  const { colours } = variantOptions(product);
  const names = colours.map((c) => c.name);
  const wanted = (Array.isArray(requested) ? requested : requested ? [requested] : [])
    .map((name) => names.find((n) => n.toLowerCase() === name.trim().toLowerCase()))
    .filter((name): name is string => !!name);
  const pictured = product.images.map((image) => imageColour(image, names)).filter((name): name is string => !!name);
  const candidates = [...new Set([...wanted, ...pictured, ...names])];
  const inStock = (name: string) => (colours.find((c) => c.name === name)?.available ?? 0) > 0;
  const preferred = wanted.find(inStock) ?? pictured.slice(0, 1).find(inStock) ?? candidates.find(inStock);
  return preferred ?? candidates[0] ?? "";
}

/** The product page's pickers: colours in the pictures' order (then first-seen), sizes in size order,
 * stock per choice. */
export function variantOptions(product: Pick<Product, "variants"> & { images?: PictureSource[] }) {
  const active = product.variants.filter((v) => v.is_active);
  const found = new Map<string, ColourOption>();
  for (const variant of active) {
    const colour = found.get(variant.colour) ?? { name: variant.colour, hex: variant.colour_hex, available: 0 };
    colour.available += variant.available;
    found.set(variant.colour, colour);
  }
  const images = product.images ?? [];
  const pictureIndex = (name: string) => {
    const index = images.findIndex((image) => imageShowsColour(image, name));
    return index === -1 ? images.length : index;
  };
  const colours = new Map(
    [...found.entries()]
      .map((entry, index) => ({ entry, index, picture: pictureIndex(entry[0]) }))
      .sort((a, b) => a.picture - b.picture || a.index - b.index)
      .map(({ entry }) => entry),
  );
  const sizes = [...new Set(active.map((v) => v.size))].sort(
    (a, b) => SIZE_ORDER.indexOf(a as Size) - SIZE_ORDER.indexOf(b as Size),
  );
  const sizesFor = (colour: string): SizeOption[] =>
    sizes.map((size) => {
      const variant = active.find((v) => v.size === size && v.colour === colour) ?? null;
      return { size, variant, available: variant?.available ?? 0 };
    });
  return { colours: [...colours.values()], sizes, sizesFor };
}

export function stockLabel(available: number): string {
  if (available <= 0) return "Out of stock";
  if (available <= 5) return `Only ${available} left`;
  return "In stock";
}
