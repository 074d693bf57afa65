import { describe, expect, it } from "vitest";
import { ORDER_STATUS_LABELS as FROM_ORDERS } from "@/lib/api/orders";
import {
  ORDER_STATUS_LABELS,
  PAYMENT_STATUS_LABELS,
  describeTransition,
  orderStatusLabel,
  paymentStatusLabel,
  refundMessage,
  statusLabel,
} from "@/lib/status";



describe("status labels", () => {
  it("has one human label per order and payment status, shared with the order API helpers", () => {
    expect(FROM_ORDERS).toBe(ORDER_STATUS_LABELS);
    expect(orderStatusLabel("partially_refunded")).toBe("Partly refunded");
    expect(orderStatusLabel("fulfilled")).toBe("Shipped");
    expect(orderStatusLabel("pending")).toBe("Awaiting payment");
    expect(paymentStatusLabel("succeeded")).toBe("Paid");
    expect(paymentStatusLabel("requires_payment_method")).toBe("Awaiting card");
    for (const label of [...Object.values(ORDER_STATUS_LABELS), ...Object.values(PAYMENT_STATUS_LABELS)]) {
      expect(label).not.toMatch(/_/);
      expect(label.charAt(0)).toBe(label.charAt(0).toUpperCase());
    }
  });

  it("never shows a raw word, even for a status it does not know", () => {
    expect(statusLabel("needs_review")).toBe("Needs review");
    expect(statusLabel("review")).toBe("Held for review");
    expect(statusLabel(null)).toBe("—");
  });
});

describe("refund messages", () => {
  it("say the amount in rupees and what happened, not the provider's id", () => {
    expect(refundMessage({ amount: 50000, currency: "INR", status: "succeeded" })).toBe("Refund of ₹500 issued");
    expect(refundMessage({ amount: 12345600, currency: "INR", status: "pending" })).toBe("Refund of ₹1,23,456 in progress");
    expect(refundMessage({ amount: 50050, currency: "INR", status: "failed" })).toBe("Refund of ₹500.50 failed");
  });
});

describe("order history lines", () => {
  it("reads commerce's audit reasons as sentences with money in rupees", () => {
    const line = (from: string | null, to: string, reason: string | null) =>
      describeTransition({ from_status: from as never, to_status: to as never, reason, actor: "payment" }, "INR").text;
    expect(line(null, "pending", "checkout")).toBe("Order placed");
    expect(line("pending", "paid", "payment pay_123")).toBe("Payment received");
    expect(line("paid", "refund_pending", "refund hold_1: 50000 asked")).toBe("Refund of ₹500 requested");
    expect(line("refund_pending", "partially_refunded", "refund re_abc: 50000 INR")).toBe("Refund of ₹500 issued");
    expect(line("refund_pending", "paid", "refund hold_1 failed")).toBe("The refund did not go through; the order is paid again");
    expect(line("pending", "expired", "reservation expired before payment")).toBe("Not paid in time, so the items went back on sale");
    expect(line("paid", "fulfilled", "shipped")).toBe("Shipped");
    for (const text of [line("refund_pending", "partially_refunded", "refund re_abc: 50000 INR"), line("pending", "paid", "payment pay_123")]) {
      expect(text).not.toMatch(/re_abc|pay_123|50000|partially_refunded|→/);
    }
  });

  it("gives staff the change of status, who made it and the reference", () => {
    const line = describeTransition(
      { from_status: "paid", to_status: "partially_refunded", reason: "refund re_abc: 50000 INR", actor: "payment" },
      "INR",
      { staff: true },
    );
    expect(line.text).toBe("Refund of ₹500 issued (Paid → Partly refunded, by the payment service)");
    expect(line.reference).toBe("re_abc");
    const shipped = describeTransition({ from_status: "paid", to_status: "fulfilled", reason: "shipped", actor: "admin:42" }, "INR", { staff: true });
    expect(shipped.text).toBe("Shipped (Paid → Shipped, by staff)");

  });
});

describe("refused refunds", () => {
  it("say why in words, not '(see details)'", async () => {
    const { refundRefusal } = await import("@/lib/status");
    expect(refundRefusal("refund_exceeds_paid")).toMatch(/more than is left to refund/);
    expect(refundRefusal("something_new")).toMatch(/cannot be refunded in its current state/);
    expect(refundRefusal(undefined)).not.toMatch(/see details|_/);
  });
});
