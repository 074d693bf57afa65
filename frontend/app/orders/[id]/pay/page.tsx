import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { OrderItems } from "@/components/OrderDetails";
import { PaymentPanelView } from "@/components/PaymentPanelView";
import { SessionRefresh } from "@/components/SessionRefresh";
import { ApiError } from "@/lib/api/errors";
import { lapsedDiscountNotice } from "@/lib/discounts";
import { findOrder, isPayable } from "@/lib/api/orders";
import { paymentPanel, type PaymentPanel } from "@/lib/api/payments";
import { getViewer } from "@/lib/api/server";
import { formatMoney } from "@/lib/money";
import { cardFormFor } from "@/lib/payment-mode";
import { orderStatusLabel } from "@/lib/status";

export const metadata: Metadata = { title: "Payment", robots: { index: false } };

export default async function PayPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ discount_lapsed?: string | string[] }>;
}) {
  const { id } = await params;
  const { discount_lapsed: lapsedParam } = await searchParams;
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
  const lapsed = lapsedDiscountNotice(lapsedParam, order.discount_code);
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
      {lapsed ? (
        <p className="notice error" role="alert">
          The code {lapsed} no longer applied when your order was placed (it has expired, been used up or been switched
          off), so this order is at the full price of {amountLabel}. Pay it below, or{" "}
          <Link href={`/orders/${order.id}`}>cancel the order</Link> from its page.
        </p>
      ) : null}
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
