"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const BASE = process.env.NEXT_PUBLIC_API_URL || "/api/v1";

/**
 * Right after the e-mail address is verified, the access token still says it is not (it was issued before). One
 * refresh (the refresh cookie is scoped to /api/v1/auth: only the browser can present it) gets a token that says it
 * is, so guest orders placed with the address are claimed on this visit, not at the next refresh.
 * Only on pages that show orders (/orders, /account): on /checkout the re-render it ends with raced the shopper's
 * "Continue to payment" and could swallow its redirect to the pay page.
 */
export function VerifiedRefresh() {
  const router = useRouter();
  useEffect(() => {
    fetch(`${BASE}/auth/refresh`, { method: "POST", credentials: "same-origin" })
      .then((response) => (response.ok ? router.refresh() : undefined))
      .catch(() => undefined);
  }, [router]);
  return null;
}
