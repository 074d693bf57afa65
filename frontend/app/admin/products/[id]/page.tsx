import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminActionForm } from "@/components/forms/AdminActionForm";
import { ProductDetailsForm, VariantAddForm } from "@/components/forms/CatalogForms";
import { ProductPhotos } from "@/components/ProductPhotos";
import { adjustStock, setLowStockThreshold } from "@/lib/actions/admin";
import { deleteProduct, updateProduct, updateVariant } from "@/lib/actions/catalog-admin";
import { stockOf } from "@/lib/api/admin";
import { findProduct } from "@/lib/api/catalog";
import { formatMoney, minorToMajor } from "@/lib/money";

export const metadata = { title: "Product" };

const STATUS_WORDS = { active: "live", draft: "draft", archived: "archived" } as const;

export default async function AdminProductPage({ params }: { params: Promise<{ id: string }> }) {
  const product = await findProduct((await params).id);
  if (!product) notFound();
  const stock = await Promise.all(product.variants.map((v) => stockOf(product.id, v.id)));
  return (
    <>
      <p>
        <Link href="/admin/products">← Products</Link>
      </p>
      <h1>{product.title}</h1>
      <p className="muted">
        {product.brand} · {product.category} · {STATUS_WORDS[product.status]} ·{" "}
        <Link href={`/products/${product.slug}`}>view in shop</Link>
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col">Price, compare-at, for sale</th>
              <th scope="col">On hand</th>
              <th scope="col">Reserved</th>
              <th scope="col">Available</th>
              <th scope="col">Adjust stock</th>
              <th scope="col">Low-stock alert at</th>
            </tr>
          </thead>
          <tbody>
            {product.variants.map((variant, index) => {
              const report = stock[index];
              return (
                <tr key={variant.id}>
                  <td>
                    {variant.colour_hex ? (
                      <span className="swatch" aria-hidden="true" style={{ background: variant.colour_hex, display: "inline-block", width: "0.9em", height: "0.9em", border: "1px solid #999", marginRight: "0.3em" }} />
                    ) : null}
                    {variant.colour} · {variant.size}
                    <br />
                    <span className="muted">{variant.sku}</span>
                  </td>
                  <td>
                    <span className="visually-hidden">Now {formatMoney(variant.price_amount, variant.currency)}</span>
                    <AdminActionForm action={updateVariant} hidden={{ product_id: product.id, variant_id: variant.id }} label="Save">
                      <label className="visually-hidden" htmlFor={`price-${variant.id}`}>
                        Price of {variant.sku} (₹)
                      </label>
                      <input id={`price-${variant.id}`} name="price" inputMode="decimal" size={7} defaultValue={minorToMajor(variant.price_amount, variant.currency)} />
                      <label className="visually-hidden" htmlFor={`compare-${variant.id}`}>
                        Compare-at price of {variant.sku} (₹)
                      </label>
                      <input
                        id={`compare-${variant.id}`}
                        name="compare_at"
                        inputMode="decimal"
                        size={7}
                        placeholder="was"
                        defaultValue={variant.compare_at_amount === null ? "" : minorToMajor(variant.compare_at_amount, variant.currency)}
                      />
                      <label className="visually-hidden" htmlFor={`active-${variant.id}`}>
                        {variant.sku} for sale
                      </label>
                      <select id={`active-${variant.id}`} name="is_active" defaultValue={variant.is_active ? "true" : "false"}>
                        <option value="true">for sale</option>
                        <option value="false">not for sale</option>
                      </select>
                    </AdminActionForm>
                  </td>
                  <td>{report?.on_hand}</td>
                  <td>{report?.reserved}</td>
                  <td>{report?.available}</td>
                  <td>
                    <AdminActionForm action={adjustStock} hidden={{ product_id: product.id, variant_id: variant.id }} label="Apply">
                      <label className="visually-hidden" htmlFor={`delta-${variant.id}`}>
                        Change for {variant.sku} (units, + or −)
                      </label>
                      <input id={`delta-${variant.id}`} name="delta" inputMode="numeric" placeholder="+10" size={5} />
                      <label className="visually-hidden" htmlFor={`reason-${variant.id}`}>
                        Reason for {variant.sku}
                      </label>
                      <input id={`reason-${variant.id}`} name="reason" placeholder="Reason" defaultValue="stock count" />
                    </AdminActionForm>
                  </td>
                  <td>
                    <AdminActionForm action={setLowStockThreshold} hidden={{ product_id: product.id, variant_id: variant.id }} label="Set">
                      <label className="visually-hidden" htmlFor={`threshold-${variant.id}`}>
                        Low-stock alert for {variant.sku} at (units)
                      </label>
                      <input
                        id={`threshold-${variant.id}`}
                        name="low_stock_threshold"
                        inputMode="numeric"
                        size={4}
                        defaultValue={report?.low_stock_threshold ?? ""}
                        aria-describedby={report?.low_stock ? `low-${variant.id}` : undefined}
                      />
                      {report?.low_stock ? (
                        <span id={`low-${variant.id}`} className="badge">
                          running low
                        </span>
                      ) : null}
                    </AdminActionForm>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2>Add a variant</h2>
      <VariantAddForm productId={product.id} />
      <ProductPhotos product={product} />
      <h2>Details</h2>
      <ProductDetailsForm action={updateProduct} product={product} label="Save details" />
      <h2>Remove</h2>
      <p className="muted">A product that orders name cannot be deleted: set its status to Archived instead.</p>
      <AdminActionForm action={deleteProduct} hidden={{ product_id: product.id }} label={`Delete ${product.title}`} danger />
    </>
  );
}
