import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

export default function NotFound() {
  return (
    <div className="not-found">
      <h1>Page not found</h1>
      <p>We could not find that page. It may have moved, or the product is no longer sold. Search the shop above, or:</p>
      <p className="not-found-links">
        <Link className="button" href="/products">
          Browse the shop
        </Link>
        <Link className="button secondary" href="/">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
