// The commerce and payment APIs as the pay and confirmation pages call them, and Stripe's confirm endpoint as the
// Stripe.js stub calls it (through the test's page.route), for the storefront's Stripe browser test
// (playwright.stripe.config.ts). The payment service's side of this flow is tested against the Stripe emulator in
// services/payment/tests/integration/test_payment_element.py; here only the storefront and the browser are real.
import { createServer } from "node:http";

const SHOPPER = "5b3c7a52-7a41-4d6b-9a55-0c1f7f6e2d11";
const ORDER = "0d7e5c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";
const PORT = Number(process.env.FAKE_SERVICES_PORT || 3190);

let state;
function reset() {
  state = { intents: 0, refreshes: 0, confirmations: [], payment: null };
}
reset();

function order() {
  const now = new Date();
  const paid = state.payment?.status === "succeeded";
  return {
    id: ORDER,
    user_id: SHOPPER,
    status: paid ? "paid" : "pending",
    currency: "INR",
    subtotal_amount: 249900,
    total_amount: 249900,
    paid_amount: paid ? 249900 : 0,
    refunded_amount: 0,
    item_count: 1,
    expires_at: new Date(now.getTime() + 30 * 60_000).toISOString(),
    paid_at: paid ? now.toISOString() : null,
    fulfilled_at: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    shipping_address: { name: "Asha Rao", line1: "12 MG Road", line2: null, city: "Bengaluru", state: "KA", postal_code: "560001", country: "IN", phone: "+919800000000" },
    note: null,
    items: [
      {
        variant_id: "9a1b2c3d-0000-4000-8000-000000000001",
        product_id: "9a1b2c3d-0000-4000-8000-000000000002",
        product_title: "Silk saree",
        product_slug: "silk-saree",
        sku: "SAREE-RED-M",
        size: "M",
        colour: "Red",
        image_url: null,
        unit_price_amount: 249900,
        quantity: 1,
        line_total_amount: 249900,
      },
    ],
    transitions: [],
  };
}

function payment(status, extra = {}) {
  const now = new Date().toISOString();
  return {
    transaction_id: "pay_stub0000000000000000001",
    order_id: ORDER,
    status,
    amount: 249900,
    currency: "INR",
    amount_captured: status === "succeeded" ? 249900 : 0,
    amount_refunded: 0,
    provider: "stripe",
    attempt: 1,
    card: null,
    client_secret: null,
    failure_code: null,
    failure_message: null,
    refunds: [],
    created_at: now,
    updated_at: now,
    ...extra,
  };
}

const CLIENT_SECRET = "pi_stub0001_secret_stub";

function answer(response, status, body) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

async function read(request) {
  let body = "";
  for await (const chunk of request) body += chunk;
  return body;
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url, "http://fake");
  const path = url.pathname;
  const body = await read(request);
  if (path === "/_state") return answer(response, 200, state);
  if (path === "/_reset") {
    reset();
    return answer(response, 200, state);
  }
  if (path === `/api/v1/orders/${ORDER}/details`) return answer(response, 200, order());
  if (path === `/api/v1/cart/${SHOPPER}`) return answer(response, 200, { user_id: SHOPPER, items: [], item_count: 0, subtotal_amount: 0, currency: "INR", removed_variant_ids: [] });
  if (path === "/api/v1/payments/intents" && request.method === "POST") {
    if (!request.headers["idempotency-key"]) return answer(response, 422, { error: { code: "validation_error", message: "Idempotency-Key", details: null } });
    state.intents += 1;
    state.payment ??= payment("requires_payment_method", { client_secret: CLIENT_SECRET });
    return answer(response, state.intents === 1 ? 201 : 200, state.payment);
  }
  if (path === "/v1/payment_intents/pi_stub0001/confirm" && request.method === "POST") {
    const form = new URLSearchParams(body);
    state.confirmations.push(Object.fromEntries(form));
    if (form.get("payment_method") === "pm_card_visa") {
      state.confirmed = true;
      return answer(response, 200, { id: "pi_stub0001", object: "payment_intent", status: "succeeded" });
    }
    return answer(response, 402, { error: { type: "card_error", code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." } });
  }
  if (path === `/api/v1/payments/${payment("x").transaction_id}/refresh` && request.method === "POST") {
    state.refreshes += 1;
    if (state.confirmed) state.payment = payment("succeeded", { card: { brand: "visa", last4: "4242", country: "US" } });
    return answer(response, 200, state.payment);
  }
  if (path === `/api/v1/payments/${payment("x").transaction_id}/status`) return answer(response, 200, state.payment);
  if (path === "/api/v1/payments") return answer(response, 200, state.payment ? [state.payment] : []);
  answer(response, 404, { error: { code: "not_found", message: `no fake for ${request.method} ${path}`, details: null } });
});

server.listen(PORT, "127.0.0.1", () => console.log(`fake services on http://127.0.0.1:${PORT}`));
