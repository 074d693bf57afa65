/**
 * The one place where status words become what shoppers and staff read: order and payment badges, the order
 * history, refund notices. Never show a raw status (`partially_refunded`), a minor-unit amount (`50000 INR`) or a
 * provider id as the message itself.
 */
import type { OrderStatus, PaymentStatus } from "./api/schema";
import { formatMoney } from "./money";

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: "Awaiting payment",
  paid: "Paid",
  fulfilled: "Shipped",
  cancelled: "Cancelled",
  expired: "Expired",
  partially_refunded: "Partly refunded",
  refunded: "Refunded",
  refund_pending: "Refund in progress",
};

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  requires_payment_method: "Awaiting card",
  processing: "Processing",
  requires_action: "Needs confirmation",
  failed: "Failed",
  blocked: "Blocked",
  canceled: "Cancelled",
  succeeded: "Paid",
  partially_refunded: "Partly refunded",
  refunded: "Refunded",
};

export type RefundStatus = "pending" | "succeeded" | "failed" | "canceled";

export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = {
  pending: "in progress",
  succeeded: "issued",
  failed: "failed",
  canceled: "cancelled",
};

export const FRAUD_DECISION_LABELS: Record<string, string> = {
  allow: "Allowed",
  review: "Held for review",
  block: "Blocked",
  open: "Open",
  approved: "Approved",
  rejected: "Rejected",
};

/** A label for any status word, known or not: "partially_refunded" → "Partially refunded" at worst. */
export function statusLabel(status: string | null | undefined): string {
  if (!status) return "—";
  const known =
    (ORDER_STATUS_LABELS as Record<string, string>)[status] ??
    (PAYMENT_STATUS_LABELS as Record<string, string>)[status] ??
    FRAUD_DECISION_LABELS[status];
  if (known) return known;
  const words = status.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function orderStatusLabel(status: OrderStatus): string {
  return ORDER_STATUS_LABELS[status] ?? statusLabel(status);
}

export function paymentStatusLabel(status: PaymentStatus): string {
  return PAYMENT_STATUS_LABELS[status] ?? statusLabel(status);
}

/** "Refund of ₹500 issued", "Refund of ₹1,200 in progress". */
export function refundMessage(refund: { amount: number; currency: string; status: string }): string {
  const word = (REFUND_STATUS_LABELS as Record<string, string>)[refund.status] ?? statusLabel(refund.status).toLowerCase();
  return `Refund of ${formatMoney(refund.amount, refund.currency)} ${word}`;
}

type Transition = {
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  reason: string | null;
  actor?: string;
};

/** Who moved the order, in words (staff only: shoppers never see actors). */
export function actorLabel(actor: string | undefined): string | null {
  if (!actor) return null;
  if (actor.startsWith("admin:")) return "by staff";
  if (actor.startsWith("customer:") || actor.startsWith("guest:")) return "by the customer";
  if (actor === "payment") return "by the payment service";
  if (actor === "system") return "automatically";
  return `by ${actor}`;
}

/**
 * One line of an order's history. Commerce stores terse audit reasons ("refund re_1: 50000 INR"); this reads
 * them back as sentences with money in rupees. Unknown reasons are shown as they are, never dropped.
 */
export function describeTransition(
  transition: Transition,
  currency: string,
  { staff = false }: { staff?: boolean } = {},
): { status: string; text: string; reference: string | null } {
  const status = orderStatusLabel(transition.to_status);
  const reason = (transition.reason ?? "").trim();
  let text: string;
  let reference: string | null = null;
  let match: RegExpMatchArray | null;
  if (transition.from_status === null || reason === "checkout") {
    text = "Order placed";
  } else if ((match = reason.match(/^payment (\S+)$/))) {
    text = "Payment received";
    reference = match[1] ?? null;
  } else if ((match = reason.match(/^refund (\S+): (\d+) asked$/))) {
    text = `Refund of ${formatMoney(Number(match[2]), currency)} requested`;
    reference = match[1] ?? null;
  } else if ((match = reason.match(/^refund (\S+) failed$/))) {
    text = `The refund did not go through; the order is ${status.toLowerCase()} again`;
    reference = match[1] ?? null;
  } else if ((match = reason.match(/^refund (\S+): (\d+)(?: ([A-Za-z]{3}))?$/))) {
    text = `Refund of ${formatMoney(Number(match[2]), match[3] ?? currency)} issued`;
    reference = match[1] ?? null;
  } else if (reason === "cancelled before payment") {
    text = "Cancelled before payment";
  } else if (reason === "reservation expired before payment") {
    text = "Not paid in time, so the items went back on sale";
  } else if (reason.startsWith("shipped")) {
    const rest = reason.slice("shipped".length).replace(/^[\s:,-]+/, "");
    text = rest ? `Shipped (${rest})` : "Shipped";
  } else {
    text = reason ? `${status}: ${reason}` : status;
  }
  if (staff) {
    const from = transition.from_status ? `${orderStatusLabel(transition.from_status)} → ${status}` : status;
    const by = actorLabel(transition.actor);
    text = `${text} (${from}${by ? `, ${by}` : ""})`;
  }
  return { status, text, reference: staff ? reference : null };
}

/** Why the order service refused a refund (payment's `order_refuses_refund`, details.reason), in words for staff. */
const REFUND_REFUSALS: Record<string, string> = {
  order_not_paid: "The order has not been paid, so there is nothing to refund.",
  refund_exceeds_paid: "That is more than is left to refund on this order. Enter a smaller amount.",
  payment_mismatch: "This payment is not the one that paid the order; refund the order's own payment.",
  refund_id_conflict: "This refund was already recorded for another order. Please contact support.",
  refund_in_progress: "A refund of the whole order is already in progress. Wait for it to finish.",
  order_not_refundable_by_owner: "This order can no longer be refunded by the customer.",
};

export function refundRefusal(reason: unknown): string {
  return (
    (typeof reason === "string" && REFUND_REFUSALS[reason]) ||
    "The order cannot be refunded in its current state. Check its history and try again."
  );
}
