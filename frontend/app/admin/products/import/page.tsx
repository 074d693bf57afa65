import Link from "next/link";
import { CatalogImportForm } from "@/components/forms/CatalogForms";

export const metadata = { title: "Import and export the catalog" };

const COLUMNS: Array<[string, string]> = [
  ["product_slug", "The product (an existing slug changes it, a new one creates it)"],
  ["title, description, category, brand", "The product's details, the same on each of its rows"],
  ["status", "draft, active or archived"],
  ["attributes", 'JSON such as {"care": "Machine wash cold", "fit": "Regular"}; may be empty'],
  ["sku", "The variant (an existing SKU changes it, a new one creates it)"],
  ["size, colour, colour_hex", "XS…XXL or FREE; the colour's name; its swatch as #RRGGBB or empty"],
  ["price_amount, compare_at_amount", "In paise (49900 is ₹499); compare-at empty or above the price"],
  ["currency, is_active", "Empty for the shop's currency; true or false"],
  ["on_hand", "Stock to set (recorded as a CSV import adjustment); empty leaves it"],
];

export default function CatalogImportPage() {
  return (
    <>
      <p>
        <Link href="/admin/products">← Products</Link>
      </p>
      <h1>Import and export the catalog</h1>
      <p>
        <a className="button small" href="/api/v1/admin/catalog/products/export.csv" download="catalog.csv">
          Export CSV
        </a>{" "}
        <span className="muted">every product and variant, one row per variant, with its stock on hand</span>
      </p>
      <h2>Import</h2>
      <p className="muted">
        Checking a file changes nothing and lists every row to fix with its line number. Apply then makes all the changes
        at once, or none. At most 2 MB.
      </p>
      <CatalogImportForm />
      <h2>Columns</h2>
      <div className="table-scroll">
        <table>
          <tbody>
            {COLUMNS.map(([name, meaning]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
