// A stand-in for Stripe.js (https://js.stripe.com/endive/stripe.js), served by the browser test through page.route,
// with only what the storefront calls: Stripe(key), elements({clientSecret}), the Payment Element (create, mount, on,
// off, update, destroy) and confirmPayment. Its "Payment Element" is a <select> of Stripe's test payment methods;
// confirmPayment posts the choice to https://api.stripe.com/v1/payment_intents/{id}/confirm, which the test answers.
(function () {
  function Stripe(publishableKey) {
    let clientSecret = null;
    let root = null;
    const listeners = {};
    const emit = (event, payload) => (listeners[event] || []).forEach((callback) => callback(payload));
    const element = {
      mount(node) {
        root = typeof node === "string" ? document.querySelector(node) : node;
        root.innerHTML =
          '<label>Stub payment method <select data-testid="stub-payment-method">' +
          '<option value="pm_card_visa">Visa ending 4242</option>' +
          '<option value="pm_card_chargeDeclined">Declined card</option>' +
          "</select></label>";
        root.querySelector("select").addEventListener("change", () => emit("change", { elementType: "payment", complete: true }));
        setTimeout(() => emit("ready", { elementType: "payment" }));
      },
      on(event, callback) {
        (listeners[event] = listeners[event] || []).push(callback);
        return element;
      },
      off(event, callback) {
        listeners[event] = (listeners[event] || []).filter((known) => known !== callback);
        return element;
      },
      update() {},
      unmount() {},
      destroy() {
        if (root) root.innerHTML = "";
      },
    };
    const elements = {
      create: () => element,
      getElement: () => element,
      update() {},
    };
    const unused = () => Promise.reject(new Error("not in the Stripe.js stub"));
    return {
      elements(options) {
        clientSecret = options && options.clientSecret;
        return elements;
      },
      _registerWrapper() {},
      registerAppInfo() {},
      createToken: unused,
      createPaymentMethod: unused,
      confirmCardPayment: unused,
      async confirmPayment({ confirmParams, redirect }) {
        const intentId = clientSecret.split("_secret_")[0];
        const response = await fetch(`https://api.stripe.com/v1/payment_intents/${intentId}/confirm`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            payment_method: root.querySelector("select").value,
            client_secret: clientSecret,
            key: publishableKey,
            return_url: confirmParams.return_url,
            redirect,
          }),
        });
        const body = await response.json();
        return body.error ? { error: body.error } : { paymentIntent: body };
      },
    };
  }
  Stripe.version = "endive";
  window.Stripe = Stripe;
})();
