import { formatRange, sizeGuideFor } from "@/lib/listing";

/** The size guide of a product's category: a chart of body measurements, or a note for free-size styles. */
export function SizeGuide({ category, sizes }: { category: string; sizes?: readonly string[] }) {
  const guide = sizeGuideFor(category, sizes);
  if (guide.kind === "note") {
    return (
      <details className="size-guide">
        <summary>Size guide</summary>
        <p>{guide.note}</p>
      </details>
    );
  }
  return (
    <details className="size-guide">
      <summary>Size guide</summary>
      <p className="muted">
        Body measurements in centimetres. {guide.measure} On a boundary or between two sizes? Take the larger one.
      </p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{guide.title}</caption>
          <thead>
            <tr>
              <th scope="col">Size</th>
              {guide.columns.map((column) => (
                <th key={column.key} scope="col">
                  {column.label}
                </th>
              ))}
              <th scope="col">{guide.labelHeading}</th>
            </tr>
          </thead>
          <tbody>
            {guide.rows.map((row) => (
              <tr key={row.size}>
                <th scope="row">{row.size}</th>
                {guide.columns.map((column) => {
                  const range = row.ranges[column.key];
                  return <td key={column.key}>{range ? formatRange(range) : "—"}</td>;
                })}
                <td>{row.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
