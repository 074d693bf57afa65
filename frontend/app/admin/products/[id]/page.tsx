import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminActionForm } from "@/components/forms/AdminActionForm";
import { adjustStock } from "@/lib/actions/admin";
import { stockOf } from "@/lib/api/admin";
import { findProduct } from "@/lib/api/catalog";
import { formatMoney } from "@/lib/money";

export const metadata = { title: "Stock" };

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
        {product.brand} · {product.category} · {product.status === "active" ? "live" : "draft"} ·{" "}
        <Link href={`/products/${product.slug}`}>view in shop</Link>
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col">Price</th>
              <th scope="col">On hand</th>
              <th scope="col">Reserved</th>
              <th scope="col">Available</th>
              <th scope="col">Adjust stock</th>
            </tr>
          </thead>
          <tbody>
            {product.variants.map((variant, index) => {
              const report = stock[index];
              return (
                <tr key={variant.id}>
                  <td>
                    {variant.colour} · {variant.size}
                    <br />
                    <span className="muted">{variant.sku}</span>
                  </td>
                  <td>{formatMoney(variant.price_amount, variant.currency)}</td>
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
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
