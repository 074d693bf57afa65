import { describe, expect, it } from "vitest";
import { isShippable } from "@/lib/api/orders";

describe("isShippable", () => {
  it("offers shipping for a paid order and a partly refunded one not shipped yet", () => {
    expect(isShippable({ status: "paid", fulfilled_at: null })).toBe(true);
    expect(isShippable({ status: "partially_refunded", fulfilled_at: null })).toBe(true);
  });

  it("never for a shipped, refunding, refunded or unpaid order", () => {
    expect(isShippable({ status: "partially_refunded", fulfilled_at: "2026-12-01T10:00:00Z" })).toBe(false);
    for (const status of ["pending", "fulfilled", "refund_pending", "refunded", "cancelled", "expired"] as const) {
      expect(isShippable({ status, fulfilled_at: null })).toBe(false);
    }
  });
});
