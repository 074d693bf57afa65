import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/EmptyState";
import { formatDate } from "@/components/OrderDetails";
import { Pagination } from "@/components/Pagination";
import { SessionRefresh } from "@/components/SessionRefresh";
import { VerifiedRefresh } from "@/components/VerifiedRefresh";
import { OrderStatusBadge } from "@/components/StatusBadge";
import { ApiError } from "@/lib/api/errors";
import { listOrders } from "@/lib/api/orders";
import { getViewer } from "@/lib/api/server";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Your orders", robots: { index: false } };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<{ page?: string; verified?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return <SessionRefresh next="/orders" />;
  const query = await searchParams;
  const page = Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1);
  let orders;
  try {
    orders = await listOrders(viewer.userId, page);
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthenticated) return <SessionRefresh next="/orders" />;
    throw error;
  }
  return (
    <>
      <h1>Your orders</h1>
      {/* Just verified (e.g. after a guest checkout): a token that says so claims the guest orders of the address. */}
      {query.verified ? <VerifiedRefresh /> : null}
      {orders.items.length === 0 ? (
        <EmptyState title="No orders yet" action={{ href: "/products", label: "Start shopping" }} />
      ) : (
        <ul className="order-list">
          {orders.items.map((order) => (
            <li key={order.id} className="order-row">
              <div>
                <Link href={`/orders/${order.id}`}>
                  <strong>Order #{order.id.slice(0, 8).toUpperCase()}</strong>
                </Link>
                <div className="muted">
                  {formatDate(order.created_at)} · {order.item_count} {order.item_count === 1 ? "item" : "items"}
                </div>
              </div>
              <div>
                <OrderStatusBadge status={order.status} /> <strong>{formatMoney(order.total_amount, order.currency)}</strong>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={orders.page} pages={orders.pages} href={(p) => `/orders?page=${p}`} />
    </>
  );
}
