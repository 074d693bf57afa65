const SIZES = [
  ["XS", "81–86", "66–71", "34"],
  ["S", "86–91", "71–76", "36"],
  ["M", "96–101", "81–86", "38–40"],
  ["L", "106–111", "91–96", "42"],
  ["XL", "116–121", "101–106", "44"],
  ["XXL", "126–131", "111–116", "46"],
] as const;

export function SizeGuide() {
  return (
    <details className="size-guide">
      <summary>Size guide</summary>
      <p className="muted">Body measurements in centimetres. Between two sizes? Take the larger one for a relaxed fit.</p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Size guide</caption>
          <thead>
            <tr>
              <th scope="col">Size</th>
              <th scope="col">Chest (cm)</th>
              <th scope="col">Waist (cm)</th>
              <th scope="col">Indian size</th>
            </tr>
          </thead>
          <tbody>
            {SIZES.map(([size, chest, waist, indian]) => (
              <tr key={size}>
                <th scope="row">{size}</th>
                <td>{chest}</td>
                <td>{waist}</td>
                <td>{indian}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
