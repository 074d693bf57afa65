import { CardPaymentForm } from "@/components/forms/CardPaymentForm";
import { PaymentNotConfigured } from "@/components/PaymentNotConfigured";
import { StripePaymentLoader } from "@/components/forms/StripePaymentLoader";
import type { PaymentPanel } from "@/lib/api/payments";

/** The pay page's card column: Stripe's Payment Element, the offline test-card form, or why neither. */
export function PaymentPanelView({ panel, orderId, amountLabel }: { panel: Exclude<PaymentPanel, { kind: "settled" }>; orderId: string; amountLabel: string }) {
  switch (panel.kind) {
    case "stripe":
      return (
        <StripePaymentLoader
          publishableKey={panel.publishableKey}
          clientSecret={panel.clientSecret}
          transactionId={panel.transactionId}
          orderId={orderId}
          amountLabel={amountLabel}
        />
      );
    case "offline":
      return <CardPaymentForm orderId={orderId} amountLabel={amountLabel} showTestCards={panel.showTestCards} />;
    case "unconfigured":
      return <PaymentNotConfigured />;
    case "refused":
      return (
        <section className="card-form" aria-labelledby="card-heading">
          <h2 id="card-heading">Pay by card</h2>
          <p className="notice error" role="alert" data-testid="payment-error">
            {panel.message}
          </p>
        </section>
      );
  }
}
