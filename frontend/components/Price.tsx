import { discountPercent, formatMoney, formatPriceRange } from "@/lib/money";

export function Price({
  amount,
  maxAmount,
  compareAt,
  currency,
}: {
  amount: number | null;
  maxAmount?: number | null;
  compareAt?: number | null;
  currency: string | null;
}) {
  if (amount === null || currency === null) return <span className="price">Unavailable</span>;
  const saving = discountPercent(amount, compareAt);
  return (
    <span className="price">
      {formatPriceRange(amount, maxAmount ?? amount, currency)}
      {saving !== null && compareAt ? (
        <>
          <del>
            <span className="visually-hidden">Was </span>
            {formatMoney(compareAt, currency)}
          </del>
          <span className="saving">{saving}% off</span>
        </>
      ) : null}
    </span>
  );
}
