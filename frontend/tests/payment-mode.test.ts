import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { prerenderToNodeStream } from "react-dom/static";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cardFormFor, NOT_CONFIGURED_TEXT } from "@/lib/payment-mode";

const post = vi.fn();

// The two card forms are client components with server actions: stand-ins show which one the page chose.
vi.mock("@/components/forms/StripePaymentForm", () => ({
  StripePaymentForm: (props: { clientSecret: string; publishableKey: string }) =>
    createElement("div", { "data-form": "stripe", "data-secret": props.clientSecret, "data-key": props.publishableKey }),
}));
vi.mock("@/components/forms/CardPaymentForm", () => ({
  CardPaymentForm: (props: { showTestCards: boolean }) => createElement("div", { "data-form": "offline", "data-test-cards": String(props.showTestCards) }),
}));
vi.mock("@/lib/api/server", () => ({ services: async () => ({ payment: { POST: post } }) }));

const { PaymentPanelView } = await import("@/components/PaymentPanelView");
const { paymentPanel } = await import("@/lib/api/payments");

const ORDER = "6f1c1c1e-1d7e-4a53-9f43-3c2b3c4d5e6f";

function render(panel: Parameters<typeof PaymentPanelView>[0]["panel"]): string {
  return renderToStaticMarkup(createElement(PaymentPanelView, { panel, orderId: ORDER, amountLabel: "₹2,499.00" }));
}

/** As the server renders it, waiting for the lazily loaded Stripe form (its own chunk: StripePaymentLoader). */
async function renderAll(panel: Parameters<typeof PaymentPanelView>[0]["panel"]): Promise<string> {
  const { prelude } = await prerenderToNodeStream(createElement(PaymentPanelView, { panel, orderId: ORDER, amountLabel: "₹2,499.00" }));
  let html = "";
  for await (const chunk of prelude) html += String(chunk);
  return html;
}

function payment(status: string, clientSecret: string | null = null) {
  return {
    data: { transaction_id: "pay_1", order_id: ORDER, status, client_secret: clientSecret, failure_code: null, failure_message: null },
    response: new Response(null, { status: 201 }),
  };
}

describe("the card form follows the payment mode, never the presence of a key", () => {
  it("Stripe mode with a publishable key: the Payment Element", () => {
    expect(cardFormFor({ PAYMENT_PROVIDER: "stripe", STRIPE_PUBLISHABLE_KEY: "pk_live_abc123" })).toEqual({ kind: "stripe", publishableKey: "pk_live_abc123" });
  });

  it.each([
    ["empty", ""],
    ["unset", undefined],
    ["a secret key", "sk_live_abc123"],
    ["a restricted key", "rk_live_abc123"],
  ])("Stripe mode with the key %s: not configured, never the test-card form", (_, key) => {
    const form = cardFormFor({ PAYMENT_PROVIDER: "stripe", STRIPE_PUBLISHABLE_KEY: key, NODE_ENV: "development" });
    expect(form.kind).toBe("unconfigured");
  });

  it("offline mode: the test-card form even when a publishable key is present", () => {
    expect(cardFormFor({ PAYMENT_PROVIDER: "offline", STRIPE_PUBLISHABLE_KEY: "pk_test_abc" })).toEqual({ kind: "offline", showTestCards: true });
    expect(cardFormFor({ PAYMENT_PROVIDER: "offline", SHOW_TEST_CARDS: "false" })).toEqual({ kind: "offline", showTestCards: false });
  });

  it("no mode: offline under next dev only; a production server says not configured", () => {
    expect(cardFormFor({ NODE_ENV: "development" }).kind).toBe("offline");
    expect(cardFormFor({ NODE_ENV: "production", STRIPE_PUBLISHABLE_KEY: "pk_live_abc" })).toEqual({ kind: "unconfigured", problem: "PAYMENT_PROVIDER is not set" });
    expect(cardFormFor({ PAYMENT_PROVIDER: "auto" }).kind).toBe("unconfigured");
  });
});

describe("the pay page's card column", () => {
  let errors: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    post.mockReset();
    errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => errors.mockRestore());

  it("Stripe mode: the Payment Element on the order's PaymentIntent", async () => {
    post.mockResolvedValue(payment("requires_payment_method", "pi_1_secret_x"));

    const panel = await paymentPanel({ kind: "stripe", publishableKey: "pk_test_abc" }, ORDER);

    expect(panel).toEqual({ kind: "stripe", publishableKey: "pk_test_abc", clientSecret: "pi_1_secret_x", transactionId: "pay_1" });
    expect(post).toHaveBeenCalledWith("/api/v1/payments/intents", {
      params: { header: { "Idempotency-Key": expect.stringMatching(/^[0-9a-f-]{36}$/) } },
      body: { order_id: ORDER, billing_country: "IN" },
    });
    // The first paint waits for the Stripe form's chunk; the Stripe libraries are not imported up front.
    expect(render(panel as Parameters<typeof render>[0])).toContain("Loading the secure card form");
    const html = await renderAll(panel as Parameters<typeof render>[0]);
    expect(html).toContain('data-form="stripe"');
    expect(html).toContain('data-secret="pi_1_secret_x"');
    expect(html).not.toContain('data-form="offline"');
  });

  it("Stripe mode without a key: the message, logged on the server, and no call to the payment service", async () => {
    const panel = await paymentPanel(cardFormFor({ PAYMENT_PROVIDER: "stripe", STRIPE_PUBLISHABLE_KEY: "" }), ORDER);

    const html = render(panel as Parameters<typeof render>[0]);
    expect(html).toContain(NOT_CONFIGURED_TEXT);
    expect(html).not.toContain("data-form");
    expect(html).not.toContain("4242");
    expect(post).not.toHaveBeenCalled();
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("card payments are not configured: PAYMENT_PROVIDER=stripe but STRIPE_PUBLISHABLE_KEY is empty"));
  });

  it("Stripe mode in the storefront, offline in the payment service: not configured, logged", async () => {
    post.mockResolvedValue({
      error: { error: { code: "payment_element_unavailable", message: "no", details: null } },
      response: new Response(null, { status: 409 }),
    });

    const panel = await paymentPanel({ kind: "stripe", publishableKey: "pk_test_abc" }, ORDER);

    expect(panel).toEqual({ kind: "unconfigured" });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("the payment service is not"));
  });

  it("offline mode: today's test-card form, no PaymentIntent", async () => {
    const panel = await paymentPanel(cardFormFor({ PAYMENT_PROVIDER: "offline" }), ORDER);

    expect(render(panel as Parameters<typeof render>[0])).toContain('data-form="offline"');
    expect(post).not.toHaveBeenCalled();
  });

  it("a paid order goes to its confirmation; a blocked one says why", async () => {
    post.mockResolvedValueOnce(payment("succeeded"));
    expect(await paymentPanel({ kind: "stripe", publishableKey: "pk_test_abc" }, ORDER)).toEqual({ kind: "settled", transactionId: "pay_1" });

    post.mockResolvedValueOnce(payment("blocked"));
    const blocked = await paymentPanel({ kind: "stripe", publishableKey: "pk_test_abc" }, ORDER);
    expect(blocked.kind).toBe("refused");
    expect(render(blocked as Parameters<typeof render>[0])).toContain("We could not accept this payment");
  });
});

describe("Stripe's code only with the Stripe provider", () => {
  it("the pay page imports the Stripe form lazily, so the offline card form's page never downloads it", async () => {
    const { readFileSync } = await import("node:fs");
    const view = readFileSync(new URL("../components/PaymentPanelView.tsx", import.meta.url), "utf8");
    const loader = readFileSync(new URL("../components/forms/StripePaymentLoader.tsx", import.meta.url), "utf8");
    expect(view).not.toMatch(/from "@\/components\/forms\/StripePaymentForm"/);
    expect(view).not.toMatch(/@stripe\//);
    expect(loader).toMatch(/lazy\(\(\) => import\("\.\/StripePaymentForm"\)/);
    expect(loader).not.toMatch(/^import[^;]*StripePaymentForm"/m);
  });
});
