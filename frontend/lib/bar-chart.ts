/** Geometry of a bar chart drawn as inline SVG on the server: no chart library, just rectangles. */

export interface ChartPoint {
  label: string;
  value: number;
}

export interface ChartBar extends ChartPoint {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartGridline {
  value: number;
  y: number;
}

export interface BarChartLayout {
  width: number;
  height: number;
  /** The value at the top of the chart: the largest value rounded up to a readable number. */
  top: number;
  bars: ChartBar[];
  gridlines: ChartGridline[];
}

export interface BarChartSize {
  width?: number;
  height?: number;
  /** Space between bars, as a share of each bar's slot (0..1). */
  gap?: number;
  /** Horizontal gridlines above the baseline. */
  gridlines?: number;
}

/** The smallest 1, 2, 2.5 or 5 times a power of ten at or above `value` (1 for nothing to show). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** One bar per point, left to right, scaled to the largest; a non-zero value is never drawn flat. */
export function layoutBars(points: ChartPoint[], size: BarChartSize = {}): BarChartLayout {
  const width = size.width ?? 600;
  const height = size.height ?? 160;
  const gap = Math.min(Math.max(size.gap ?? 0.2, 0), 0.9);
  const lines = size.gridlines ?? 4;
  const top = niceCeiling(Math.max(0, ...points.map((point) => point.value)));
  const slot = points.length > 0 ? width / points.length : width;
  const barWidth = round(slot * (1 - gap));
  const bars = points.map((point, index) => {
    const scaled = (Math.max(point.value, 0) / top) * height;
    const barHeight = round(point.value > 0 ? Math.max(scaled, 1) : 0);
    return {
      ...point,
      x: round(index * slot + (slot - barWidth) / 2),
      y: round(height - barHeight),
      width: barWidth,
      height: barHeight,
    };
  });
  const gridlines = Array.from({ length: lines }, (_, index) => {
    const value = (top * (index + 1)) / lines;
    return { value, y: round(height - (value / top) * height) };
  });
  return { width, height, top, bars, gridlines };
}
