import { formatMoney } from "@/lib/money";

/** Totals as the shopper sees them before paying; delivery is free, prices include GST. */
export function CartSummary({
  itemCount,
  subtotal,
  currency,
  children,
}: {
  itemCount: number;
  subtotal: number;
  currency: string;
  children?: React.ReactNode;
}) {
  return (
    <aside className="summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Order summary</h2>
      <dl>
        <dt>
          Items ({itemCount})
        </dt>
        <dd>{formatMoney(subtotal, currency)}</dd>
        <dt>Delivery</dt>
        <dd>Free</dd>
        <dt className="total">Total</dt>
        <dd className="total" data-testid="cart-total">
          {formatMoney(subtotal, currency)}
        </dd>
      </dl>
      <p className="muted">Prices include GST.</p>
      {children}
    </aside>
  );
}
