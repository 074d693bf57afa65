import { describe, expect, it } from "vitest";
import { shipmentErrors, TRACKING_NUMBER_PATTERN } from "@/lib/shipping";

describe("shipmentErrors", () => {
  it("accepts a carrier and an AWB number", () => {
    expect(shipmentErrors("Delhivery", "AWB 1234-5678")).toEqual({});
    expect(shipmentErrors("India Post", "EE123456789IN")).toEqual({});
  });

  it("names each missing or malformed field", () => {
    expect(Object.keys(shipmentErrors("", ""))).toEqual(["carrier", "tracking_number"]);
    expect(Object.keys(shipmentErrors("Blue Dart", "<script>"))).toEqual(["tracking_number"]);
    expect(Object.keys(shipmentErrors("Blue Dart", "x".repeat(65)))).toEqual(["tracking_number"]);
  });

  it("gives the browser a pattern it compiles with the v flag", () => {
    expect(new RegExp(`^(?:${TRACKING_NUMBER_PATTERN})$`, "v").test("AWB/123-45")).toBe(true);
  });
});
