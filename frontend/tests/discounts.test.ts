import { describe, expect, it } from "vitest";
import { lapsedDiscountCode, lapsedDiscountNotice } from "@/lib/discounts";

describe("lapsedDiscountCode", () => {
  it("names the code the checkout showed applied when the placed order does not carry it", () => {
    expect(lapsedDiscountCode("SUMMER10", null)).toBe("SUMMER10");
    expect(lapsedDiscountCode(" summer10 ", undefined)).toBe("SUMMER10");
  });

  it("is empty when the order carries the code, or none was applied", () => {
    expect(lapsedDiscountCode("SUMMER10", "SUMMER10")).toBe("");
    expect(lapsedDiscountCode("", null)).toBe("");
  });

  it("ignores what is not a code", () => {
    expect(lapsedDiscountCode("<b>x</b>", null)).toBe("");
    expect(lapsedDiscountCode("AB", null)).toBe("");
    expect(lapsedDiscountCode("A".repeat(33), null)).toBe("");
  });
});

describe("lapsedDiscountNotice", () => {
  it("reads the payment page's parameter against the order", () => {
    expect(lapsedDiscountNotice("SUMMER10", null)).toBe("SUMMER10");
    expect(lapsedDiscountNotice("SUMMER10", "SUMMER10")).toBeNull();
    expect(lapsedDiscountNotice(["SUMMER10", "X"], null)).toBeNull();
    expect(lapsedDiscountNotice(undefined, null)).toBeNull();
    expect(lapsedDiscountNotice("not a code!", null)).toBeNull();
  });
});
