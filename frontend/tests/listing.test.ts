import { describe, expect, it } from "vitest";
import {
  CATEGORY_ORDER,
  filterOptions,
  formatRange,
  orderCategories,
  pageState,
  priceView,
  sizeGuideFor,
  sizeSpan,
  type SizeGuideSpec,
} from "@/lib/listing";

describe("listing price", () => {
  it("shows one price with its former price and saving", () => {
    expect(priceView(49900, 49900, 69900, "INR")).toEqual({ label: "₹499", was: "₹699", saving: 29 });
    expect(priceView(49900, null, null, "INR")).toEqual({ label: "₹499", was: null, saving: null });
    expect(priceView(49900, 49900, 49900, "INR")).toEqual({ label: "₹499", was: null, saving: null });
  });

  it("shows a range as its lowest price, never with a former price it may not be true of", () => {
    // The issue: "₹1,299 – ₹1,499, was ₹1,499, 13% off".
    expect(priceView(129900, 149900, 149900, "INR")).toEqual({ label: "From ₹1,299", was: null, saving: null });
    expect(priceView(129900, 149900, 199900, "INR")).toEqual({ label: "From ₹1,299", was: null, saving: null });
    expect(priceView(129900, 149900, null, "INR").label).toBe("From ₹1,299");
  });

  it("says when there is no price", () => {
    expect(priceView(null, null, null, null).label).toBe("Unavailable");
  });
});

describe("sizes on a card", () => {
  it("spans unbroken sizes and lists broken ones", () => {
    expect(sizeSpan(["XS", "S", "M", "L", "XL", "XXL"])).toBe("XS–XXL");
    expect(sizeSpan(["M", "L"])).toBe("M–L");
    expect(sizeSpan(["M"])).toBe("M");
    expect(sizeSpan(["S", "XL"])).toBe("S, XL");
    expect(sizeSpan(["FREE"])).toBe("Free size");
    expect(sizeSpan([])).toBe("");
  });
});

type Chart = Extract<SizeGuideSpec, { kind: "chart" }>;

function charts(): Array<[string, Chart]> {
  const found: Array<[string, Chart]> = [];
  for (const category of CATEGORY_ORDER) {
    const guide = sizeGuideFor(category);
    if (guide.kind === "chart") found.push([category, guide]);
  }
  return found;
}

describe("size guides", () => {
  it("leave no gap and no overlap between one size and the next, for every measurement", () => {
    const found = charts();
    expect(found.length).toBeGreaterThanOrEqual(7);
    for (const [category, guide] of found) {
      for (const column of guide.columns) {
        for (let i = 1; i < guide.rows.length; i++) {
          const previous = guide.rows[i - 1]?.ranges[column.key];
          const current = guide.rows[i]?.ranges[column.key];
          expect(previous, `${category} ${column.key} row ${i - 1}`).toBeDefined();
          expect(current, `${category} ${column.key} row ${i}`).toBeDefined();
          expect(current?.[0], `${category}: ${column.key} of ${guide.rows[i]?.size} starts where the previous ends`).toBe(previous?.[1]);
          expect((current?.[1] ?? 0) > (current?.[0] ?? 0)).toBe(true);
        }
      }
    }
  });

  it("cover the chest of 91–96 cm and the waist of 76–81 cm the old guide fitted no size to", () => {
    const fits = (guide: SizeGuideSpec, key: string, cm: number) =>
      guide.kind === "chart" ? guide.rows.filter((row) => row.ranges[key] && cm >= row.ranges[key][0] && cm < row.ranges[key][1]) : [];
    for (const cm of [91, 93.5, 96]) expect(fits(sizeGuideFor("t-shirts"), "chest", cm)).toHaveLength(1);
    for (const cm of [76, 78, 80.9]) expect(fits(sizeGuideFor("jeans"), "waist", cm)).toHaveLength(1);
  });

  it("measure tops by the chest and bottoms by the waist", () => {
    const tee = sizeGuideFor("t-shirts");
    const jeans = sizeGuideFor("jeans");
    expect(tee.kind === "chart" && tee.columns.map((c) => c.key)).toEqual(["chest"]);
    expect(jeans.kind === "chart" && jeans.columns.map((c) => c.key)).toEqual(["waist"]);
    expect(sizeGuideFor("trousers")).toBe(jeans);
    expect(sizeGuideFor("hoodies")).toBe(tee);
    expect(sizeGuideFor("dresses").title).toMatch(/dresses/);
  });

  it("give sarees, dupattas and free-size styles a note instead of a chart", () => {
    expect(sizeGuideFor("sarees")).toMatchObject({ kind: "note", note: expect.stringMatching(/free size/) });
    expect(sizeGuideFor("sarees", ["FREE"]).kind).toBe("note");
    expect(sizeGuideFor("dupattas").kind).toBe("note");
    expect(sizeGuideFor("kurtas", ["FREE"])).toMatchObject({ kind: "note", title: "Sizing: free size" });
    expect(sizeGuideFor("kurtas", ["M", "FREE"]).kind).toBe("chart");
  });

  it("formats a range", () => {
    expect(formatRange([86, 91])).toBe("86–91");
  });
});

describe("page state", () => {
  it("tells results, nothing found and a page past the last apart", () => {
    expect(pageState(1, 4, 43)).toEqual({ kind: "results" });
    expect(pageState(4, 4, 43)).toEqual({ kind: "results" });
    expect(pageState(99, 4, 43)).toEqual({ kind: "past-last", last: 4 });
    expect(pageState(1, 0, 0)).toEqual({ kind: "empty" });
    expect(pageState(99, 0, 0)).toEqual({ kind: "empty" });
  });
});

describe("categories", () => {
  it("come in shop order with Trousers, new ones after them A–Z", () => {
    const facets = ["dresses", "hoodies", "jackets", "jeans", "kurtas", "sarees", "shirts", "t-shirts", "trousers", "belts", "anklets"];
    expect(orderCategories(facets)).toEqual([
      "t-shirts",
      "shirts",
      "kurtas",
      "dresses",
      "sarees",
      "jeans",
      "trousers",
      "jackets",
      "hoodies",
      "anklets",
      "belts",
    ]);
  });
});

describe("filter options", () => {
  it("mark chosen values and keep a chosen value the search no longer finds", () => {
    const sizes = [
      { value: "S", count: 3 },
      { value: "L", count: 1 },
    ];
    expect(filterOptions(sizes, ["L", "XS"], { order: ["XS", "S", "M", "L"] })).toEqual([
      { value: "XS", count: 0, checked: true },
      { value: "S", count: 3, checked: false },
      { value: "L", count: 1, checked: true },
    ]);
  });

  it("match colours without regard to case", () => {
    const colours = [{ value: "Blue", count: 2, hex: "#00f" }];
    expect(filterOptions(colours, ["blue"], { caseless: true })).toEqual([{ value: "Blue", count: 2, hex: "#00f", checked: true }]);
  });
});
