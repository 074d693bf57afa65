import { ORDER_STATUS_LABELS } from "@/lib/api/orders";
import type { OrderStatus, PaymentStatus } from "@/lib/api/schema";

const PAYMENT_LABELS: Record<PaymentStatus, string> = {
  requires_payment_method: "Awaiting card",
  processing: "Processing",
  requires_action: "Needs confirmation",
  failed: "Failed",
  blocked: "Blocked",
  canceled: "Cancelled",
  succeeded: "Succeeded",
  partially_refunded: "Partly refunded",
  refunded: "Refunded",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`status ${status}`}>{ORDER_STATUS_LABELS[status]}</span>;
}

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return <span className={`status ${status}`}>{PAYMENT_LABELS[status]}</span>;
}
