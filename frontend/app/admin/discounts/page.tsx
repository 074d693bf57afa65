import { AdminActionForm } from "@/components/forms/AdminActionForm";
import { DiscountCreateForm } from "@/components/forms/DiscountCreateForm";
import { Pagination } from "@/components/Pagination";
import { setDiscountActive } from "@/lib/actions/discounts";
import { DISCOUNT_STATUS_LABELS, describeDiscount, listDiscounts } from "@/lib/api/discounts";

export const metadata = { title: "Discount codes" };

function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Kolkata" }).format(new Date(value));
}

export default async function AdminDiscountsPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const { q = "", page = "1" } = await searchParams;
  const discounts = await listDiscounts({ q, page: Math.max(1, Number.parseInt(page, 10) || 1) });
  return (
    <>
      <h1>Discount codes</h1>
      <p className="muted">
        Percentages round down to whole paise; no discount takes an order below ₹1. An unpaid order that is cancelled or expires gives its use back. A
        code an order has used cannot be deleted: deactivate it.
      </p>
      <div className="two-column">
        <section aria-labelledby="codes-heading">
          <h2 id="codes-heading">Codes</h2>
          <form action="/admin/discounts" role="search" className="inline-form" style={{ marginBottom: "1rem" }}>
            <label htmlFor="discount-search">Search codes</label>
            <input id="discount-search" name="q" defaultValue={q} />
            <button type="submit" className="button small">
              Search
            </button>
          </form>
          <p role="status">{discounts.total} codes</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Terms</th>
                  <th scope="col">Valid</th>
                  <th scope="col">Used</th>
                  <th scope="col">State</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {discounts.items.map((discount) => (
                  <tr key={discount.id} data-testid={`discount-row-${discount.code}`}>
                    <td>
                      <strong>{discount.code}</strong>
                      {discount.description ? (
                        <>
                          <br />
                          <span className="muted">{discount.description}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{describeDiscount(discount)}</td>
                    <td>
                      {formatDate(discount.starts_at)} to {formatDate(discount.ends_at)}
                    </td>
                    <td>
                      {discount.used_count}
                      {discount.usage_limit ? ` of ${discount.usage_limit}` : ""}
                    </td>
                    <td>{DISCOUNT_STATUS_LABELS[discount.status]}</td>
                    <td>
                      <AdminActionForm
                        action={setDiscountActive}
                        hidden={{ discount_id: discount.id, active: discount.active ? "false" : "true" }}
                        label={discount.active ? `Deactivate ${discount.code}` : `Activate ${discount.code}`}
                        danger={discount.active}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={discounts.page}
            pages={discounts.pages}
            href={(p) => `/admin/discounts?${new URLSearchParams({ q, page: String(p) })}`}
          />
        </section>
        <section aria-labelledby="new-code-heading">
          <h2 id="new-code-heading">New code</h2>
          <DiscountCreateForm />
        </section>
      </div>
    </>
  );
}
