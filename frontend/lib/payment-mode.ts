/**
 * Which card form the pay page shows. The payment service's provider decides (PAYMENT_PROVIDER, which the
 * deploy sets for both from one inventory variable), never whether a key happens to be present: Stripe mode
 * without a publishable key shows "not configured", never the offline test-card form that Stripe mode refuses.
 */
export type CardForm =
  | { kind: "stripe"; publishableKey: string }
  | { kind: "offline"; showTestCards: boolean }
  | { kind: "unconfigured"; problem: string };

type Env = Record<string, string | undefined>;

export function cardFormFor(env: Env): CardForm {
  const provider = (env.PAYMENT_PROVIDER ?? "").trim();
  if (provider === "stripe") {
    const key = (env.STRIPE_PUBLISHABLE_KEY ?? "").trim();
    if (/^pk_(live|test)_[A-Za-z0-9_]+$/.test(key)) return { kind: "stripe", publishableKey: key };
    return {
      kind: "unconfigured",
      problem: key
        ? "PAYMENT_PROVIDER=stripe but STRIPE_PUBLISHABLE_KEY is not a publishable key (pk_live_… or pk_test_…)"
        : "PAYMENT_PROVIDER=stripe but STRIPE_PUBLISHABLE_KEY is empty",
    };
  }
  // Unset means offline only under `next dev`, as the payment service's own development default.
  if (provider === "offline" || (provider === "" && env.NODE_ENV === "development")) {
    return { kind: "offline", showTestCards: env.SHOW_TEST_CARDS !== "false" };
  }
  return {
    kind: "unconfigured",
    problem: provider ? `PAYMENT_PROVIDER is '${provider}', not 'stripe' or 'offline'` : "PAYMENT_PROVIDER is not set",
  };
}

export const NOT_CONFIGURED_TEXT = "Card payments are not configured";
