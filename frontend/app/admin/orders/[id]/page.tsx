import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminActionForm } from "@/components/forms/AdminActionForm";
import { DeliveryNote } from "@/components/DeliveryNote";
import { OrderHeader, OrderItems, OrderTimeline, ShippingAddressBlock } from "@/components/OrderDetails";
import { ShipmentTracking } from "@/components/ShipmentTracking";
import { PaymentStatusBadge } from "@/components/StatusBadge";
import { fulfilOrder, refundPayment } from "@/lib/actions/admin";
import { CARRIERS, TRACKING_NUMBER_PATTERN } from "@/lib/shipping";
import { findOrder, paymentsOf } from "@/lib/api/orders";
import { formatMoney, minorToMajor } from "@/lib/money";
import { refundMessage } from "@/lib/status";

export const metadata = { title: "Order" };

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [order, payments] = await Promise.all([findOrder(id), paymentsOf(id)]);
  if (!order) notFound();
  return (
    <>
      <p>
        <Link href={`/admin/orders?customer=${order.user_id}`}>← This customer’s orders</Link> ·{" "}
        <Link href="/admin/shipping">Shipping queue</Link> ·{" "}
        <Link href={`/admin/orders/${order.id}/packing-slip`}>Packing slip</Link>
      </p>
      <h1>Order #{order.id.slice(0, 8).toUpperCase()}</h1>
      <OrderHeader order={order} />
      <ShipmentTracking order={order} />
      {/* Commerce says whether it would accept the shipment now (paid or partly refunded, not shipped). */}
      {order.shippable ? (
        <AdminActionForm action={fulfilOrder} hidden={{ order_id: order.id }} label="Mark as shipped">
          <label htmlFor="carrier">Carrier</label>
          <input id="carrier" name="carrier" list="carriers" required minLength={2} maxLength={80} autoComplete="off" />
          <datalist id="carriers">
            {CARRIERS.map((carrier) => (
              <option key={carrier} value={carrier} />
            ))}
          </datalist>
          <label htmlFor="tracking_number">Tracking number</label>
          <input
            id="tracking_number"
            name="tracking_number"
            required
            maxLength={64}
            pattern={TRACKING_NUMBER_PATTERN}
            title="3 to 64 letters, digits, spaces, - or /"
            autoComplete="off"
          />
        </AdminActionForm>
      ) : null}
      <div className="two-column">
        <section>
          <OrderItems order={order} />
          <h2>History</h2>
          <OrderTimeline order={order} staff />
        </section>
        <aside className="summary">
          <h2>Delivery to</h2>
          <ShippingAddressBlock address={order.shipping_address} />
          <DeliveryNote note={order.note} />
          {order.contact_email ? (
            <>
              <h2>Contact</h2>
              <p>
                {order.contact_email}
                {order.guest ? " · guest checkout" : ""}
              </p>
            </>
          ) : null}
          <h2>Payments</h2>
          {payments.length === 0 ? <p>No payments.</p> : null}
          {payments.map((payment) => {
            const refundable = payment.amount_captured - payment.amount_refunded;
            return (
              <div key={payment.transaction_id} className="panel">
                <p>
                  <PaymentStatusBadge status={payment.status} /> {formatMoney(payment.amount, payment.currency)}
                  {payment.amount_refunded ? ` · ${formatMoney(payment.amount_refunded, payment.currency)} refunded` : ""}
                  <span className="reference"> · ref. {payment.transaction_id}</span>
                </p>
                {payment.failure_message ? <p className="muted">{payment.failure_message}</p> : null}
                {payment.refunds.map((r) => (
                  <p key={r.refund_id} className="muted">
                    {refundMessage(r)}
                  </p>
                ))}
                {refundable > 0 ? (
                  <AdminActionForm action={refundPayment} hidden={{ transaction_id: payment.transaction_id }} label="Refund" danger>
                    <label htmlFor={`amount-${payment.transaction_id}`}>Amount (₹, empty = all)</label>
                    <input id={`amount-${payment.transaction_id}`} name="amount" inputMode="decimal" placeholder={minorToMajor(refundable, payment.currency)} />
                  </AdminActionForm>
                ) : null}
              </div>
            );
          })}
        </aside>
      </div>
    </>
  );
}
