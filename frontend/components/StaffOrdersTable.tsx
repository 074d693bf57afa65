import Link from "next/link";
import { formatDate } from "@/components/OrderDetails";
import { OrderStatusBadge } from "@/components/StatusBadge";
import type { StaffOrderRow } from "@/lib/api/schema";
import { formatMoney } from "@/lib/money";

function Shipped({ order }: { order: StaffOrderRow }) {
  if (order.shipped) return <>Shipped{order.carrier ? ` · ${order.carrier}` : ""}</>;
  return order.shippable ? <strong>To ship</strong> : <span className="muted">No</span>;
}

/**
 * Orders as staff work through them: the orders list (every order) and the shipping queue (`queue`: when each was
 * paid, the delivery note and the packing slip instead of the status columns).
 */
export function StaffOrdersTable({ orders, queue = false }: { orders: StaffOrderRow[]; queue?: boolean }) {
  return (
    <div className="table-scroll">
      <table className="staff-orders">
        <caption className="visually-hidden">{queue ? "Orders to ship, the longest paid first" : "Orders, newest first"}</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">{queue ? "Paid" : "Placed"}</th>
            <th scope="col">Customer</th>
            <th scope="col">Ship to</th>
            <th scope="col">Items</th>
            <th scope="col">Total</th>
            {queue ? (
              <>
                <th scope="col">Delivery note</th>
                <th scope="col">Packing</th>
              </>
            ) : (
              <>
                <th scope="col">Status</th>
                <th scope="col">Paid</th>
                <th scope="col">Shipped</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id} data-testid={`order-row-${order.id}`}>
              <td>
                <Link href={`/admin/orders/${order.id}`}>#{order.short_id}</Link>
              </td>
              <td>{formatDate((queue ? order.paid_at : null) ?? order.created_at)}</td>
              <td>
                {order.customer_name}
                {order.contact_email ? (
                  <>
                    <br />
                    <span className="muted">{order.contact_email}</span>
                  </>
                ) : null}
                {order.guest ? <span className="muted"> · guest</span> : null}
              </td>
              <td>
                {order.city} {order.postal_code}
              </td>
              <td>{order.item_count}</td>
              <td>
                {formatMoney(order.total_amount, order.currency)}
                {order.refunded_amount > 0 ? (
                  <>
                    <br />
                    <span className="muted">{formatMoney(order.refunded_amount, order.currency)} refunded</span>
                  </>
                ) : null}
              </td>
              {queue ? (
                <>
                  <td>{order.note ?? <span className="muted">none</span>}</td>
                  <td>
                    <Link href={`/admin/orders/${order.id}/packing-slip`} aria-label={`Packing slip of order #${order.short_id}`}>
                      Packing slip
                    </Link>
                  </td>
                </>
              ) : (
                <>
                  <td>
                    <OrderStatusBadge status={order.status} />
                  </td>
                  <td>{order.paid ? "Paid" : <span className="muted">Unpaid</span>}</td>
                  <td>
                    <Shipped order={order} />
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
