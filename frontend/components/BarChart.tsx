import { layoutBars, type ChartPoint } from "@/lib/bar-chart";

interface BarChartProps {
  title: string;
  points: ChartPoint[];
  /** How a value reads aloud and in the table (money, a count). */
  format: (value: number) => string;
  /** What the column of values is called in the table. */
  valueLabel: string;
}

/** A bar chart as inline SVG, described for screen readers, with its figures in a table under <details>. */
export function BarChart({ title, points, format, valueLabel }: BarChartProps) {
  const chart = layoutBars(points);
  const total = points.reduce((sum, point) => sum + point.value, 0);
  const highest = points.reduce<ChartPoint | null>(
    (best, point) => (best === null || point.value > best.value ? point : best),
    null,
  );
  const first = points[0]?.label;
  const last = points[points.length - 1]?.label;
  const description =
    points.length === 0
      ? `${title}: no days`
      : `${title}, ${first} to ${last}: ${format(total)} in all` +
        (highest && highest.value > 0 ? `, highest ${format(highest.value)} on ${highest.label}` : "");
  return (
    <figure className="dashboard-chart">
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-label={description}
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        preserveAspectRatio="none"
        className="bar-chart"
      >
        {chart.gridlines.map((line) => (
          <line key={line.value} className="bar-chart-grid" x1={0} x2={chart.width} y1={line.y} y2={line.y} />
        ))}
        {chart.bars.map((bar) => (
          <rect key={bar.label} className="bar-chart-bar" x={bar.x} y={bar.y} width={bar.width} height={bar.height}>
            <title>{`${bar.label}: ${format(bar.value)}`}</title>
          </rect>
        ))}
        <line className="bar-chart-axis" x1={0} x2={chart.width} y1={chart.height} y2={chart.height} />
      </svg>
      <div className="bar-chart-scale muted" aria-hidden="true">
        <span>{first}</span>
        <span>top {format(chart.top)}</span>
        <span>{last}</span>
      </div>
      <details>
        <summary>{title}: the figures</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">{valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.label}>
                <th scope="row">{point.label}</th>
                <td>{format(point.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
