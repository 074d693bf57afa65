import { describe, expect, it } from "vitest";
import { layoutBars, niceCeiling } from "@/lib/bar-chart";

describe("niceCeiling", () => {
  it("rounds the largest value up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(180)).toBe(200);
    expect(niceCeiling(2100)).toBe(2500);
    expect(niceCeiling(4999900)).toBe(5000000);
    expect(niceCeiling(100)).toBe(100);
  });

  it("gives an empty chart a top of 1, so nothing divides by zero", () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(Number.NaN)).toBe(1);
  });
});

describe("layoutBars", () => {
  const days = [
    { label: "1 Dec", value: 50 },
    { label: "2 Dec", value: 0 },
    { label: "3 Dec", value: 100 },
    { label: "4 Dec", value: 0.1 },
  ];

  it("scales each bar to the top and stands it on the baseline", () => {
    const chart = layoutBars(days, { width: 400, height: 100, gap: 0.5 });
    expect(chart.top).toBe(100);
    expect(chart.bars.map((bar) => [bar.x, bar.width])).toEqual([
      [25, 50],
      [125, 50],
      [225, 50],
      [325, 50],
    ]);
    expect(chart.bars.map((bar) => bar.height)).toEqual([50, 0, 100, 1]);
    for (const bar of chart.bars) expect(bar.y + bar.height).toBe(100);
  });

  it("keeps a day with nothing flat and a tiny value visible", () => {
    const { bars } = layoutBars(days);
    expect(bars[1]?.height).toBe(0);
    expect(bars[3]?.height).toBe(1);
  });

  it("draws gridlines at even shares of the top", () => {
    const chart = layoutBars([{ label: "only", value: 180 }], { height: 100, gridlines: 4 });
    expect(chart.top).toBe(200);
    expect(chart.gridlines).toEqual([
      { value: 50, y: 75 },
      { value: 100, y: 50 },
      { value: 150, y: 25 },
      { value: 200, y: 0 },
    ]);
  });

  it("lays out no bars for no points", () => {
    expect(layoutBars([]).bars).toEqual([]);
  });
});
