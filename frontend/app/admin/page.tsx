import Link from "next/link";
import { BarChart } from "@/components/BarChart";
import { listUsers } from "@/lib/api/account";
import { fraudReviews, shippingQueue } from "@/lib/api/admin";
import { listProductsRaw } from "@/lib/api/catalog";
import { DASHBOARD_PERIODS, dashboard, dashboardPeriod } from "@/lib/api/dashboard";
import { formatMoney } from "@/lib/money";

type SearchParams = Record<string, string | string[] | undefined>;

const dayLabel = new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", timeZone: "UTC" });

/** A calendar day (YYYY-MM-DD, already the shop's day) as "4 Dec". */
function shortDay(day: string): string {
  return dayLabel.format(new Date(`${day}T00:00:00Z`));
}

export default async function AdminHome({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const days = dashboardPeriod((await searchParams).days);
  const [figures, users, active, drafts, reviews, queue] = await Promise.all([
    dashboard(days),
    listUsers({}),
    listProductsRaw({ page_size: 1 }),
    listProductsRaw({ page_size: 1, status: "draft" }),
    fraudReviews(1, true).catch(() => null),
    shippingQueue(1, 1).catch(() => null),
  ]);
  const money = (amount: number) => formatMoney(amount, figures.currency);
  const count = (value: number) => value.toLocaleString("en-IN");
  const { totals } = figures;
  return (
    <>
      <h1>Admin</h1>
      <section className="dashboard" aria-labelledby="dashboard-heading">
        <div className="dashboard-header">
          <h2 id="dashboard-heading">
            The last {days} days <span className="muted">({shortDay(figures.start)} – {shortDay(figures.end)}, India time)</span>
          </h2>
          <form method="get" className="dashboard-period">
            <label htmlFor="dashboard-days">Period</label>
            <select id="dashboard-days" name="days" defaultValue={String(days)}>
              {DASHBOARD_PERIODS.map((period) => (
                <option key={period} value={period}>
                  {period} days
                </option>
              ))}
            </select>
            <button type="submit" className="button secondary">
              Show
            </button>
          </form>
        </div>

        <dl className="dashboard-tiles">
          <div className="dashboard-tile">
            <dt>Revenue</dt>
            <dd>{money(totals.revenue)}</dd>
          </div>
          <div className="dashboard-tile">
            <dt>Paid orders</dt>
            <dd>{count(totals.orders)}</dd>
          </div>
          <div className="dashboard-tile">
            <dt>Average order</dt>
            <dd>{money(totals.average_order_value)}</dd>
          </div>
          <div className="dashboard-tile">
            <dt>Refunded</dt>
            <dd>
              {money(totals.refunded)} <span className="muted">({count(totals.refunds)} refunds)</span>
            </dd>
          </div>
          <div className="dashboard-tile">
            <dt>Stock running low</dt>
            <dd>{count(figures.low_stock_count)} variants</dd>
          </div>
        </dl>

        <div className="dashboard-charts">
          <BarChart
            title="Revenue per day"
            valueLabel="Revenue"
            format={money}
            points={figures.per_day.map((day) => ({ label: shortDay(day.day), value: day.revenue }))}
          />
          <BarChart
            title="Paid orders per day"
            valueLabel="Orders"
            format={count}
            points={figures.per_day.map((day) => ({ label: shortDay(day.day), value: day.orders }))}
          />
          <BarChart
            title="Refunds per day"
            valueLabel="Refunded"
            format={money}
            points={figures.per_day.map((day) => ({ label: shortDay(day.day), value: day.refunded }))}
          />
        </div>

        <h2>Top products</h2>
        {figures.top_products.length === 0 ? (
          <p className="muted">No paid orders in this period.</p>
        ) : (
          <div className="table-scroll">
            <table className="dashboard-table">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Units</th>
                  <th scope="col">Revenue</th>
                </tr>
              </thead>
              <tbody>
                {figures.top_products.map((product) => (
                  <tr key={product.product_id}>
                    <th scope="row">
                      <Link href={`/admin/products/${product.product_id}`}>{product.title}</Link>
                    </th>
                    <td>{count(product.units)}</td>
                    <td>{money(product.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h2 id="low-stock">Stock running low</h2>
        {figures.low_stock.length === 0 ? (
          <p className="muted">Every variant has more than its low-stock threshold.</p>
        ) : (
          <div className="table-scroll">
            <table className="dashboard-table low-stock" aria-labelledby="low-stock">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">SKU</th>
                  <th scope="col">Size, colour</th>
                  <th scope="col">Available</th>
                  <th scope="col">Threshold</th>
                </tr>
              </thead>
              <tbody>
                {figures.low_stock.map((variant) => (
                  <tr key={variant.variant_id}>
                    <th scope="row">
                      <Link href={`/admin/products/${variant.product_id}`}>{variant.product_title}</Link>
                    </th>
                    <td>{variant.sku}</td>
                    <td>
                      {variant.size}, {variant.colour}
                    </td>
                    <td>{count(variant.available)}</td>
                    <td>{count(variant.low_stock_threshold)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {figures.low_stock_count > figures.low_stock.length && (
              <p className="muted">
                The {figures.low_stock.length} lowest of {figures.low_stock_count}.
              </p>
            )}
          </div>
        )}
      </section>

      <h2>Manage</h2>
      <ul className="collections">
        <li>
          <Link className="collection-card" href="/admin/products">
            <strong>{active.total} products live</strong>
            <span className="muted">{drafts.total} drafts</span>
          </Link>
        </li>
        <li>
          <Link className="collection-card" href="/admin/users">
            <strong>{users.total} users</strong>
            <span className="muted">activate, deactivate</span>
          </Link>
        </li>
        <li>
          <Link className="collection-card" href="/admin/orders">
            <strong>Orders</strong>
            <span className="muted">filters, search, refunds</span>
          </Link>
        </li>
        <li>
          <Link className="collection-card" href="/admin/shipping">
            <strong>{queue ? `${queue.total} to ship` : "Shipping queue"}</strong>
            <span className="muted">packing slips, tracking</span>
          </Link>
        </li>
        <li>
          <Link className="collection-card" href="/admin/fraud">
            <strong>{reviews ? `${reviews.total} open reviews` : "Fraud reviews"}</strong>
            <span className="muted">approve or reject</span>
          </Link>
        </li>
      </ul>
    </>
  );
}
