import Link from "next/link";
import { formatDate } from "@/components/OrderDetails";
import { OrderStatusBadge } from "@/components/StatusBadge";
import { listUsers } from "@/lib/api/account";
import { listOrders } from "@/lib/api/orders";
import { formatMoney } from "@/lib/money";

export const metadata = { title: "Orders and refunds" };

/** Orders belong to customers: find the customer, then their orders. */
export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<{ q?: string; user?: string }> }) {
  const { q = "", user } = await searchParams;
  const [users, orders] = await Promise.all([
    listUsers({ q }),
    user ? listOrders(user) : Promise.resolve(null),
  ]);
  return (
    <>
      <h1>Orders and refunds</h1>
      <form action="/admin/orders" role="search" className="inline-form" style={{ marginBottom: "1rem" }}>
        <label htmlFor="order-user-search">Customer e-mail or name</label>
        <input id="order-user-search" name="q" defaultValue={q} />
        <button type="submit" className="button small">
          Find
        </button>
      </form>
      <div className="two-column">
        <section aria-labelledby="orders-heading">
          <h2 id="orders-heading">{orders ? `Orders (${orders.total})` : "Choose a customer"}</h2>
          {orders && orders.items.length === 0 ? <p>No orders.</p> : null}
          <ul className="order-list">
            {orders?.items.map((order) => (
              <li key={order.id} className="order-row">
                <Link href={`/admin/orders/${order.id}`}>#{order.id.slice(0, 8).toUpperCase()}</Link>
                <span className="muted">{formatDate(order.created_at)}</span>
                <OrderStatusBadge status={order.status} />
                <strong>{formatMoney(order.total_amount, order.currency)}</strong>
              </li>
            ))}
          </ul>
        </section>
        <aside className="summary">
          <h2>Customers</h2>
          <ul>
            {users.items.map((u) => (
              <li key={u.id}>
                <Link href={`/admin/orders?${new URLSearchParams({ q, user: u.id })}`} aria-current={u.id === user ? "true" : undefined}>
                  {u.full_name}
                </Link>{" "}
                <span className="muted">{u.email}</span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </>
  );
}
