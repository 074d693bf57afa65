import { priceView } from "@/lib/listing";

/** A product's price as a listing shows it: one price (with a true former price), or "From" the lowest. */
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
  const view = priceView(amount, maxAmount, compareAt, currency);
  return (
    <span className="price">
      {view.label}
      {view.was && view.saving !== null ? (
        <>
          <del>
            <span className="visually-hidden">Was </span>
            {view.was}
          </del>
          <span className="saving">{view.saving}% off</span>
        </>
      ) : null}
    </span>
  );
}
