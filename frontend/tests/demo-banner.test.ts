import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEMO_BANNER_TEXT, DemoBanner } from "@/components/DemoBanner";
import { VerificationPrompt } from "@/components/VerificationPrompt";

describe("demo shop banner", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("says test cards only, nothing is charged, in a named region when SHOP_DEMO_MODE=true", () => {
    vi.stubEnv("SHOP_DEMO_MODE", "true");
    const html = renderToStaticMarkup(createElement(DemoBanner));
    expect(DEMO_BANNER_TEXT).toBe("Demo shop — test cards only, nothing is charged");
    expect(html).toContain(DEMO_BANNER_TEXT);
    expect(html).toMatch(/^<section class="demo-banner" aria-label="Demo shop">/);
    expect(html).not.toMatch(/<button/);
  });

  it.each(["false", "", "1", "yes"])("is absent when SHOP_DEMO_MODE=%j", (value) => {
    vi.stubEnv("SHOP_DEMO_MODE", value);
    expect(renderToStaticMarkup(createElement(DemoBanner))).toBe("");
  });

  it("is in the root layout, before the header", async () => {
    const { readFile } = await import("node:fs/promises");
    const layout = await readFile(new URL("../app/layout.tsx", import.meta.url), "utf8");
    expect(layout.indexOf("<DemoBanner />")).toBeGreaterThan(0);
    expect(layout.indexOf("<DemoBanner />")).toBeLessThan(layout.indexOf("<SiteHeader />"));
  });
});

describe("verification prompt after registering", () => {
  it("does not tell whether the address already had an account", () => {
    const html = renderToStaticMarkup(createElement(VerificationPrompt, { email: "asha@example.com", registered: true }));
    expect(html).toContain("If asha@example.com can be used for a new account");
    expect(html).not.toMatch(/We sent a 6-digit code/);
  });
});
