import type { OrderStatus, PaymentStatus } from "@/lib/api/schema";
import { orderStatusLabel, paymentStatusLabel } from "@/lib/status";

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`status ${status}`}>{orderStatusLabel(status)}</span>;
}

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return <span className={`status ${status}`}>{paymentStatusLabel(status)}</span>;
}
