import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { OrderItems } from "@/components/OrderDetails";
import { PaymentPanelView } from "@/components/PaymentPanelView";
import { SessionRefresh } from "@/components/SessionRefresh";
import { ApiError } from "@/lib/api/errors";
import { findOrder, isPayable } from "@/lib/api/orders";
import { paymentPanel, type PaymentPanel } from "@/lib/api/payments";
import { getViewer } from "@/lib/api/server";
import { formatMoney } from "@/lib/money";
import { cardFormFor } from "@/lib/payment-mode";
import { orderStatusLabel } from "@/lib/status";

export const metadata: Metadata = { title: "Payment", robots: { index: false } };

export default async function PayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const next = `/orders/${id}/pay`;
  if (!(await getViewer())) return <SessionRefresh next={next} />;
  let order;
  try {
    order = await findOrder(id);
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthenticated) return <SessionRefresh next={next} />;
    throw error;
  }
  if (!order) notFound();
  if (order.status === "paid" || order.status === "fulfilled") redirect(`/orders/${id}/confirmation`);
  if (!isPayable(order)) {
    return (
      <>
        <h1>Payment</h1>
        <p className="notice error">
          This order can no longer be paid (it is {orderStatusLabel(order.status).toLowerCase()}). Its items are back in stock for everyone.
        </p>
        <Link href="/cart">Back to your cart</Link>
      </>
    );
  }
  const amountLabel = formatMoney(order.total_amount, order.currency);
  let panel: PaymentPanel;
  try {
    panel = await paymentPanel(cardFormFor(process.env), order.id);
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthenticated) return <SessionRefresh next={next} />;
    throw error;
  }
  if (panel.kind === "settled") redirect(`/orders/${id}/confirmation?payment=${encodeURIComponent(panel.transactionId)}`);
  const expires = new Intl.DateTimeFormat("en-IN", { timeStyle: "short", timeZone: "Asia/Kolkata" }).format(new Date(order.expires_at));
  return (
    <>
      <h1>Payment</h1>
      <p>
        Your items are reserved until {expires} (India time). Order #{order.id.slice(0, 8).toUpperCase()}.
      </p>
      <div className="two-column">
        <PaymentPanelView panel={panel} orderId={order.id} amountLabel={amountLabel} />
        <aside className="summary">
          <h2>Your order</h2>
          <OrderItems order={order} />
        </aside>
      </div>
    </>
  );
}
