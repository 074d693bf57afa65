import Link from "next/link";
import { AdminActionForm } from "@/components/forms/AdminActionForm";
import { Pagination } from "@/components/Pagination";
import { setProductStatus } from "@/lib/actions/admin";
import { listProductsRaw } from "@/lib/api/catalog";
import { formatPriceRange } from "@/lib/money";

export const metadata = { title: "Products and stock" };

export default async function AdminProductsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; page?: string; status?: string }>;
}) {
  const { q = "", page = "1", status: rawStatus } = await searchParams;
  const status = rawStatus === "draft" || rawStatus === "archived" ? rawStatus : "active";
  const products = await listProductsRaw({ q: q || undefined, status, page: Math.max(1, Number.parseInt(page, 10) || 1), page_size: 25, sort: q ? "relevance" : "title" });
  return (
    <>
      <h1>Products and stock</h1>
      <p className="inline-form">
        <Link className="button small" href="/admin/products/new">
          New product
        </Link>
        <Link className="button small" href="/admin/products/import">
          Import / export CSV
        </Link>
      </p>
      <form action="/admin/products" role="search" className="inline-form" style={{ marginBottom: "1rem" }}>
        <label htmlFor="product-search">Search</label>
        <input id="product-search" name="q" defaultValue={q} />
        <label htmlFor="product-status">Status</label>
        <select id="product-status" name="status" defaultValue={status} className="input">
          <option value="active">Live</option>
          <option value="draft">Drafts</option>
          <option value="archived">Archived</option>
        </select>
        <button type="submit" className="button small">
          Show
        </button>
      </form>
      <p role="status">{products.total} products</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Price</th>
              <th scope="col">Available</th>
              <th scope="col">Visibility</th>
            </tr>
          </thead>
          <tbody>
            {products.items.map((product) => (
              <tr key={product.id}>
                <td>
                  <Link href={`/admin/products/${product.id}`}>{product.title}</Link>
                  <br />
                  <span className="muted">
                    {product.brand} · {product.category}
                  </span>
                </td>
                <td>{formatPriceRange(product.min_price_amount, product.max_price_amount, product.currency)}</td>
                <td>{product.available}</td>
                <td>
                  {product.status === "archived" ? (
                    <span className="muted">archived</span>
                  ) : (
                  <AdminActionForm
                    action={setProductStatus}
                    hidden={{ product_id: product.id, status: product.status === "active" ? "draft" : "active" }}
                    label={product.status === "active" ? `Hide ${product.title}` : `Publish ${product.title}`}
                  />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={products.page}
        pages={products.pages}
        href={(p) => `/admin/products?${new URLSearchParams({ q, status, page: String(p) })}`}
      />
    </>
  );
}
