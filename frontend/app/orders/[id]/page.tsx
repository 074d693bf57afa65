import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryNote } from "@/components/DeliveryNote";
import { OrderHeader, OrderItems, OrderTimeline, ShippingAddressBlock } from "@/components/OrderDetails";
import { SessionRefresh } from "@/components/SessionRefresh";
import { ShipmentTracking } from "@/components/ShipmentTracking";
import { PaymentStatusBadge } from "@/components/StatusBadge";
import { SubmitButton } from "@/components/SubmitButton";
import { cancelOrder } from "@/lib/actions/checkout";
import { ApiError } from "@/lib/api/errors";
import { findOrder, isPayable, paymentsOf } from "@/lib/api/orders";
import { getViewer } from "@/lib/api/server";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Order details", robots: { index: false } };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await getViewer())) return <SessionRefresh next={`/orders/${id}`} />;
  let order, payments;
  try {
    [order, payments] = await Promise.all([findOrder(id), paymentsOf(id)]);
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthenticated) return <SessionRefresh next={`/orders/${id}`} />;
    if (error instanceof ApiError && error.status === 403) notFound();
    throw error;
  }
  if (!order) notFound();
  return (
    <>
      <p>
        <Link href="/orders">← All orders</Link>
      </p>
      <h1>Order details</h1>
      <OrderHeader order={order} />
      <ShipmentTracking order={order} />
      {isPayable(order) ? (
        <div className="filter-actions">
          <Link className="button" href={`/orders/${order.id}/pay`}>
            Pay now
          </Link>
          <form action={cancelOrder}>
            <input type="hidden" name="order_id" value={order.id} />
            <SubmitButton className="button secondary" pendingLabel="Cancelling…">
              Cancel order
            </SubmitButton>
          </form>
        </div>
      ) : null}
      <div className="two-column">
        <section aria-labelledby="items-heading">
          <h2 id="items-heading">Items</h2>
          <OrderItems order={order} />
        </section>
        <aside className="summary">
          <h2>Delivery to</h2>
          <ShippingAddressBlock address={order.shipping_address} />
          <DeliveryNote note={order.note} />
          <h2>Payment</h2>
          {payments.length === 0 ? <p className="muted">No payment yet.</p> : null}
          <ul>
            {payments.map((p) => (
              <li key={p.transaction_id}>
                <PaymentStatusBadge status={p.status} /> {formatMoney(p.amount, p.currency)}
                {p.card?.last4 ? ` · card ending ${p.card.last4}` : ""}
                {p.amount_refunded ? ` · ${formatMoney(p.amount_refunded, p.currency)} refunded to your card` : ""}
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <h2>History</h2>
      <OrderTimeline order={order} />
    </>
  );
}
