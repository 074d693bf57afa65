import { NOT_CONFIGURED_TEXT } from "@/lib/payment-mode";

/** Shown instead of any card form when the shop's payment settings disagree (the reason is in the server log). */
export function PaymentNotConfigured() {
  return (
    <section className="card-form" aria-labelledby="card-heading" data-testid="payment-not-configured">
      <h2 id="card-heading">Pay by card</h2>
      <p className="notice error" role="alert">
        {NOT_CONFIGURED_TEXT} in this shop yet, so this order cannot be paid now. Your items stay reserved until the
        time above; please try again later or contact us.
      </p>
    </section>
  );
}
