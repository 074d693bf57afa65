import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { Suspense } from "react";
import { cartCount } from "@/lib/api/cart";
import { categoryLabel, getFacets } from "@/lib/api/catalog";
import { getViewer } from "@/lib/api/server";
import { CATEGORY_ORDER, orderCategories } from "@/lib/listing";
import { SearchBox, SearchForm } from "./SearchBox";

async function CartLink() {
  const count = await cartCount();
  return (
    <Link href="/cart" className="cart-link" aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`}>
      Cart <span className="badge" aria-hidden="true">{count}</span>
    </Link>
  );
}

/** Every category the catalog holds, in shop order; the usual ones when the catalog cannot be asked. */
async function categories(): Promise<string[]> {
  try {
    const facets = await getFacets();
    if (facets.categories.length) return orderCategories(facets.categories.map((c) => c.value));
  } catch (error) {
    unstable_rethrow(error);
    // The header is on every page, the error page too: it shows the usual categories rather than fail.
  }
  return [...CATEGORY_ORDER];
}

export async function SiteHeader() {
  const [viewer, slugs] = await Promise.all([getViewer(), categories()]);
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link href="/" className="logo">
          Aarya Clothing
        </Link>
        <Suspense fallback={<SearchForm />}>
          <SearchBox />
        </Suspense>
        <nav aria-label="Account" className="header-nav">
          <Link href="/products">Shop</Link>
          {viewer?.role === "admin" ? <Link href="/admin">Admin</Link> : null}
          {viewer ? <Link href="/orders">Orders</Link> : null}
          {viewer && viewer.role !== "guest" ? <Link href="/account">Account</Link> : <Link href="/login">Sign in</Link>}
          <Suspense fallback={<Link href="/cart">Cart</Link>}>
            <CartLink />
          </Suspense>
        </nav>
      </div>
      <nav aria-label="Collections" className="category-nav">
        <ul className="container">
          {slugs.map((slug) => (
            <li key={slug}>
              <Link href={`/products?category=${encodeURIComponent(slug)}`}>{categoryLabel(slug)}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container">
        <div>
          <strong>Aarya Clothing</strong>
          <p>Everyday wear and festive classics, made in India.</p>
        </div>
        <div>
          <p>Free delivery on every order · Easy returns within 30 days</p>
          <p>Prices include GST.</p>
        </div>
      </div>
    </footer>
  );
}
