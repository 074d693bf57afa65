import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CardPaymentForm } from "@/components/forms/CardPaymentForm";
import { StripePaymentForm } from "@/components/forms/StripePaymentForm";
import { OrderItems } from "@/components/OrderDetails";
import { SessionRefresh } from "@/components/SessionRefresh";
import { ApiError } from "@/lib/api/errors";
import { findOrder, isPayable } from "@/lib/api/orders";
import { getViewer } from "@/lib/api/server";
import { formatMoney } from "@/lib/money";

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
        <p className="notice error">This order can no longer be paid (it is {order.status}). Its items are back in stock for everyone.</p>
        <Link href="/cart">Back to your cart</Link>
      </>
    );
  }
  const amountLabel = formatMoney(order.total_amount, order.currency);
  const stripeKey = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
  const expires = new Intl.DateTimeFormat("en-IN", { timeStyle: "short", timeZone: "Asia/Kolkata" }).format(new Date(order.expires_at));
  return (
    <>
      <h1>Payment</h1>
      <p>
        Your items are reserved until {expires} (India time). Order #{order.id.slice(0, 8).toUpperCase()}.
      </p>
      <div className="two-column">
        {stripeKey ? (
          <StripePaymentForm publishableKey={stripeKey} orderId={order.id} amountLabel={amountLabel} />
        ) : (
          <CardPaymentForm orderId={order.id} amountLabel={amountLabel} showTestCards={process.env.SHOW_TEST_CARDS !== "false"} />
        )}
        <aside className="summary">
          <h2>Your order</h2>
          <OrderItems order={order} />
        </aside>
      </div>
    </>
  );
}
