import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryNote } from "@/components/DeliveryNote";
import { OrderHeader, OrderItems, ShippingAddressBlock } from "@/components/OrderDetails";
import { SessionRefresh } from "@/components/SessionRefresh";
import { ApiError } from "@/lib/api/errors";
import { findOrder, paymentOutcome, paymentStatus, paymentsOf } from "@/lib/api/orders";
import { refreshPayment } from "@/lib/api/payments";
import { getViewer } from "@/lib/api/server";

export const metadata: Metadata = { title: "Thank you for your order", robots: { index: false } };

export default async function ConfirmationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ payment?: string; redirect_status?: string }>;
}) {
  const { id } = await params;
  // Stripe adds redirect_status when a redirect-based method comes back here: then ask Stripe for the outcome.
  const { payment: transactionId, redirect_status: redirectStatus } = await searchParams;
  const viewer = await getViewer();
  if (!viewer) return <SessionRefresh next={`/orders/${id}/confirmation`} />;
  let order, payment;
  try {
    order = await findOrder(id);
    payment = transactionId
      ? await (redirectStatus ? refreshPayment(transactionId) : paymentStatus(transactionId))
      : ((await paymentsOf(id)).find((p) => p.status === "succeeded") ?? null);
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthenticated) return <SessionRefresh next={`/orders/${id}/confirmation`} />;
    throw error;
  }
  if (!order) notFound();
  const outcome = payment ? paymentOutcome(payment) : null;
  const paid = outcome?.tone === "success" || order.status === "paid" || order.status === "fulfilled";
  return (
    <>
      <h1>{paid ? "Thank you for your order" : "Your order"}</h1>
      {paid ? (
        <p className="notice success" role="status" data-testid="order-confirmed">
          Payment received{payment?.card?.last4 ? ` from the card ending ${payment.card.last4}` : ""}. We will e-mail you when it ships.
        </p>
      ) : outcome ? (
        <p className={`notice ${outcome.tone === "pending" ? "info" : "error"}`} role="status">
          {outcome.message}
        </p>
      ) : null}
      {viewer.role === "guest" ? (
        <p className="notice info checkout-claim" data-testid="guest-claim">
          Create an account with this e-mail{viewer.email ? ` (${viewer.email})` : ""} to see this order later.{" "}
          <Link href="/register?next=/orders">Create an account</Link>
        </p>
      ) : null}
      <OrderHeader order={order} />
      <div className="two-column">
        <section aria-labelledby="items-heading">
          <h2 id="items-heading">Items</h2>
          <OrderItems order={order} />
        </section>
        <aside className="summary">
          <h2>Delivery to</h2>
          <ShippingAddressBlock address={order.shipping_address} />
          <DeliveryNote note={order.note} />
        </aside>
      </div>
      <p className="filter-actions">
        <Link className="button" href="/orders">
          See all your orders
        </Link>
        <Link href="/products">Continue shopping</Link>
      </p>
    </>
  );
}
