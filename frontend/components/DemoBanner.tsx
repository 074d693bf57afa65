import { isDemoShop } from "@/lib/site";

export const DEMO_BANNER_TEXT = "Demo shop — test cards only, nothing is charged";

/**
 * Says on every page that this shop takes test cards only (SHOP_DEMO_MODE=true, read when the page is served).
 * Not dismissible: a shopper must never mistake the demo for a real shop.
 */
export function DemoBanner() {
  if (!isDemoShop()) return null;
  return (
    <section className="demo-banner" aria-label="Demo shop">
      <p>
        <strong>{DEMO_BANNER_TEXT}</strong>
      </p>
    </section>
  );
}
