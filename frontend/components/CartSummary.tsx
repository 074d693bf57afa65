import { formatMoney } from "@/lib/money";

/** Totals as the shopper sees them before paying; delivery is free, prices include GST. */
export function CartSummary({
  itemCount,
  subtotal,
  currency,
  discount = null,
  total = subtotal,
  children,
}: {
  itemCount: number;
  subtotal: number;
  currency: string;
  /** The applied discount code and what it takes off (shown only while it applies). */
  discount?: { code: string; applied: boolean; amount: number } | null;
  total?: number;
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
        {discount?.applied ? (
          <>
            <dt>Discount ({discount.code})</dt>
            <dd data-testid="cart-discount">−{formatMoney(discount.amount, currency)}</dd>
          </>
        ) : null}
        <dt>Delivery</dt>
        <dd>Free</dd>
        <dt className="total">Total</dt>
        <dd className="total" data-testid="cart-total">
          {formatMoney(total, currency)}
        </dd>
      </dl>
      <p className="muted">Prices include GST.</p>
      {children}
    </aside>
  );
}
