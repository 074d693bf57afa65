import { describe, expect, it } from "vitest";
import { discountPercent, formatMoney, formatPriceRange, majorToMinor, minorToMajor } from "@/lib/money";

describe("formatMoney", () => {
  it("formats whole rupees from paise without decimals", () => {
    expect(formatMoney(79900)).toBe("₹799");
    expect(formatMoney(12345600)).toBe("₹1,23,456");
  });
  it("keeps paise when there are some", () => {
    expect(formatMoney(79950)).toBe("₹799.50");
  });
  it("groups digits the Indian way: lakhs and crores", () => {
    expect(formatMoney(100000)).toBe("₹1,000");
    expect(formatMoney(10000000)).toBe("₹1,00,000");
    expect(formatMoney(1234567800)).toBe("₹1,23,45,678");
    expect(formatMoney(12345678)).toBe("₹1,23,456.78");
    expect(formatMoney(0)).toBe("₹0");
  });
  it("knows currencies without minor units", () => {
    expect(formatMoney(500, "JPY")).toMatch(/500/);
  });
});

describe("price helpers", () => {
  it("shows a range only when prices differ", () => {
    expect(formatPriceRange(49900, 49900, "INR")).toBe("₹499");
    expect(formatPriceRange(49900, 59900, "INR")).toBe("₹499 – ₹599");
    expect(formatPriceRange(null, null, null)).toBe("Unavailable");
  });
  it("converts typed rupees to paise and back", () => {
    expect(majorToMinor("799")).toBe(79900);
    expect(majorToMinor("")).toBeUndefined();
    expect(majorToMinor("-1")).toBeUndefined();
    expect(majorToMinor("abc")).toBeUndefined();
    expect(minorToMajor(79900)).toBe("799");
  });
  it("computes a discount only below the compare-at price", () => {
    expect(discountPercent(149900, 199900)).toBe(25);
    expect(discountPercent(149900, null)).toBeNull();
    expect(discountPercent(149900, 149900)).toBeNull();
  });
});
