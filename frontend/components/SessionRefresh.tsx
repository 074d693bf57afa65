"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";

const BASE = process.env.NEXT_PUBLIC_API_URL || "/api/v1";
const MARKER = "aarya:refresh-tried-at";

/**
 * Shown where a page needs a signed-in shopper but the access token is missing or expired. The
 * refresh cookie is scoped to /api/v1/auth, so only the browser can present it: try one refresh,
 * then re-render the page, or go to the sign-in page. A refresh within the last 10 seconds that did
 * not help means there is no session: no second try. With `signedOut`, a page that also serves signed-out
 * shoppers (checkout: sign in or continue as a guest) shows that instead of going to the sign-in page.
 */
export function SessionRefresh({ next, signedOut }: { next: string; signedOut?: ReactNode }) {
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const signIn = () => {
      setFailed(true);
      if (!signedOut) router.replace(`/login?next=${encodeURIComponent(next)}`);
    };
    const triedAt = Number(sessionStorage.getItem(MARKER) ?? 0);
    if (Date.now() - triedAt < 10_000) {
      signIn();
      return;
    }
    sessionStorage.setItem(MARKER, String(Date.now()));
    fetch(`${BASE}/auth/refresh`, { method: "POST", credentials: "same-origin" })
      .then((response) => (response.ok ? router.refresh() : signIn()))
      .catch(signIn);
    // signedOut only chooses what a failure shows; a new element each render must not start another refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [next, router]);
  if (failed && signedOut) return <>{signedOut}</>;
  return (
    <p role="status" className="notice info">
      {failed ? "Please sign in to continue." : "Checking your session…"}
    </p>
  );
}
