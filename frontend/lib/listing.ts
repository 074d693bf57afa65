/** The listing's and navigation's pure rules: price labels, size guides, page states, category order. */
import { discountPercent, formatMoney } from "./money";

// Price

export interface PriceView {
  /** What the product costs: "₹1,299", or "From ₹1,299" when its variants differ in price. */
  label: string;
  /** The former price, only when it is true of the price shown. */
  was: string | null;
  saving: number | null;
}

/**
 * A listing's price from the product's summary (lowest and highest variant price, highest compare-at price).
 * One price: that price, with the compare-at price as "was" when it is higher. A range: "From" the lowest,
 * and no "was": the summary cannot tell which variants the compare-at price belongs to, and "₹1,299 – ₹1,499,
 * was ₹1,499, 13% off" claimed a saving on variants sold at full price.
 */
export function priceView(
  amount: number | null,
  maxAmount: number | null | undefined,
  compareAt: number | null | undefined,
  currency: string | null,
): PriceView {
  if (amount === null || currency === null) return { label: "Unavailable", was: null, saving: null };
  if (maxAmount !== null && maxAmount !== undefined && maxAmount > amount) {
    return { label: `From ${formatMoney(amount, currency)}`, was: null, saving: null };
  }
  const saving = discountPercent(amount, compareAt);
  return {
    label: formatMoney(amount, currency),
    was: saving !== null && compareAt ? formatMoney(compareAt, currency) : null,
    saving,
  };
}

// Sizes on a card

const SIZE_ORDER = ["XS", "S", "M", "L", "XL", "XXL"];

/** A card's sizes in a few characters: "XS–XXL", "M", "Free size", or the list when there are gaps. */
export function sizeSpan(sizes: readonly string[]): string {
  const known = SIZE_ORDER.filter((s) => sizes.includes(s));
  const parts: string[] = [];
  const first = known[0];
  const last = known[known.length - 1];
  if (first !== undefined && last !== undefined) {
    const unbroken = SIZE_ORDER.indexOf(last) - SIZE_ORDER.indexOf(first) + 1 === known.length;
    if (known.length === 1) parts.push(first);
    else parts.push(unbroken ? `${first}–${last}` : known.join(", "));
  }
  if (sizes.includes("FREE")) parts.push("Free size");
  return parts.join(", ");
}

// Size guides

/** A body measurement range in centimetres, from (inclusive) up to the next size's start. */
export type Range = readonly [from: number, to: number];

export interface GuideColumn {
  key: string;
  label: string;
}

export interface GuideRow {
  size: string;
  ranges: Record<string, Range>;
  /** The label size this row corresponds to (Indian or waist size). */
  label: string;
}

export type SizeGuideSpec =
  | { kind: "chart"; title: string; measure: string; columns: GuideColumn[]; labelHeading: string; rows: GuideRow[] }
  | { kind: "note"; title: string; note: string };

const TOPS: SizeGuideSpec = {
  kind: "chart",
  title: "Size guide: tops",
  measure: "Measure around the fullest part of the chest, under the arms.",
  columns: [{ key: "chest", label: "Chest (cm)" }],
  labelHeading: "Indian size",
  rows: [
    { size: "XS", ranges: { chest: [81, 86] }, label: "34" },
    { size: "S", ranges: { chest: [86, 91] }, label: "36" },
    { size: "M", ranges: { chest: [91, 97] }, label: "38" },
    { size: "L", ranges: { chest: [97, 103] }, label: "40" },
    { size: "XL", ranges: { chest: [103, 109] }, label: "42" },
    { size: "XXL", ranges: { chest: [109, 116] }, label: "44" },
  ],
};

const DRESSES: SizeGuideSpec = {
  kind: "chart",
  title: "Size guide: dresses",
  measure: "Measure around the fullest part of the bust, and around the natural waist.",
  columns: [
    { key: "bust", label: "Bust (cm)" },
    { key: "waist", label: "Waist (cm)" },
  ],
  labelHeading: "Indian size",
  rows: [
    { size: "XS", ranges: { bust: [81, 86], waist: [64, 69] }, label: "34" },
    { size: "S", ranges: { bust: [86, 91], waist: [69, 74] }, label: "36" },
    { size: "M", ranges: { bust: [91, 97], waist: [74, 80] }, label: "38" },
    { size: "L", ranges: { bust: [97, 103], waist: [80, 86] }, label: "40" },
    { size: "XL", ranges: { bust: [103, 109], waist: [86, 92] }, label: "42" },
    { size: "XXL", ranges: { bust: [109, 116], waist: [92, 99] }, label: "44" },
  ],
};

const BOTTOMS: SizeGuideSpec = {
  kind: "chart",
  title: "Size guide: jeans and trousers",
  measure: "Measure around the waist where the waistband sits, usually just above the hip bones.",
  columns: [{ key: "waist", label: "Waist (cm)" }],
  labelHeading: "Waist size (in)",
  rows: [
    { size: "XS", ranges: { waist: [71, 76] }, label: "28" },
    { size: "S", ranges: { waist: [76, 81] }, label: "30" },
    { size: "M", ranges: { waist: [81, 86] }, label: "32" },
    { size: "L", ranges: { waist: [86, 91] }, label: "34" },
    { size: "XL", ranges: { waist: [91, 97] }, label: "36" },
    { size: "XXL", ranges: { waist: [97, 103] }, label: "38" },
  ],
};

const SAREES: SizeGuideSpec = {
  kind: "note",
  title: "Sizing: sarees",
  note: "Sarees are free size: about 5.5 m of fabric to drape as you like. Where a blouse piece is included it is about 0.8 m, unstitched, to be tailored to your measurements.",
};

const DUPATTAS: SizeGuideSpec = {
  kind: "note",
  title: "Sizing: dupattas",
  note: "Dupattas are free size: about 2.25 to 2.5 m long, to drape over one or both shoulders.",
};

const FREE_SIZE: SizeGuideSpec = {
  kind: "note",
  title: "Sizing: free size",
  note: "This style is free size: cut to fit most body shapes, with no size to choose.",
};

const GUIDES: Record<string, SizeGuideSpec> = {
  "t-shirts": TOPS,
  shirts: TOPS,
  kurtas: TOPS,
  jackets: TOPS,
  hoodies: TOPS,
  dresses: DRESSES,
  jeans: BOTTOMS,
  trousers: BOTTOMS,
  sarees: SAREES,
  dupattas: DUPATTAS,
};

/** The size guide for a category; products sold only in free size get a note instead of a chart. */
export function sizeGuideFor(category: string, sizes?: readonly string[]): SizeGuideSpec {
  const guide = GUIDES[category];
  if (guide?.kind === "note") return guide;
  if (sizes && sizes.length > 0 && sizes.every((s) => s === "FREE")) return FREE_SIZE;
  return guide ?? TOPS;
}

export function formatRange([from, to]: Range): string {
  return `${from}–${to}`;
}

// Pages

export type PageState = { kind: "results" } | { kind: "empty" } | { kind: "past-last"; last: number };

/** What the listing shows for page `page` of `pages` holding `total` products. */
export function pageState(page: number, pages: number, total: number): PageState {
  if (total === 0) return { kind: "empty" };
  if (page > pages) return { kind: "past-last", last: Math.max(pages, 1) };
  return { kind: "results" };
}

// Categories

/** The shop's categories as the header lists them: the usual shop order first, then any new ones A–Z. */
export const CATEGORY_ORDER = [
  "t-shirts",
  "shirts",
  "kurtas",
  "dresses",
  "sarees",
  "jeans",
  "trousers",
  "jackets",
  "hoodies",
] as const;

export function orderCategories(slugs: readonly string[]): string[] {
  const rank = (slug: string) => {
    const index = (CATEGORY_ORDER as readonly string[]).indexOf(slug);
    return index === -1 ? CATEGORY_ORDER.length : index;
  };
  return [...new Set(slugs)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

// Filter options

export interface FilterOption {
  value: string;
  count: number;
  hex?: string | null;
  checked: boolean;
}

/**
 * A filter's options: the facet's values with their counts, each marked when the shopper chose it. A chosen
 * value the current search no longer finds stays on the list (count 0) so that it can be unchosen.
 */
export function filterOptions(
  values: ReadonlyArray<{ value: string; count: number; hex?: string | null }>,
  chosen: readonly string[],
  { caseless = false, order }: { caseless?: boolean; order?: readonly string[] } = {},
): FilterOption[] {
  const key = (value: string) => (caseless ? value.toLowerCase() : value);
  const picked = new Set(chosen.map(key));
  const options: FilterOption[] = values.map((v) => ({ ...v, checked: picked.has(key(v.value)) }));
  const present = new Set(options.map((o) => key(o.value)));
  for (const value of chosen) {
    if (!present.has(key(value))) {
      options.push({ value, count: 0, checked: true });
      present.add(key(value));
    }
  }
  if (order) {
    const rank = (value: string) => (order.includes(value) ? order.indexOf(value) : order.length);
    return options.sort((a, b) => rank(a.value) - rank(b.value));
  }
  return options;
}
