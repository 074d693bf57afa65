"use client";

import Link from "next/link";
import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="empty" role="alert">
      <h1>Something went wrong</h1>
      <p>We could not load this page. The shop may be busy; please try again in a moment.</p>
      {error.digest ? <p className="muted">Reference: {error.digest}</p> : null}
      <p className="filter-actions" style={{ justifyContent: "center" }}>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
        <Link href="/">Back to the home page</Link>
      </p>
    </div>
  );
}
