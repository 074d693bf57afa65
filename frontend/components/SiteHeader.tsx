import Link from "next/link";
import { Suspense } from "react";
import { cartCount } from "@/lib/api/cart";
import { getViewer } from "@/lib/api/server";

const COLLECTIONS = [
  ["t-shirts", "T-Shirts"],
  ["shirts", "Shirts"],
  ["kurtas", "Kurtas"],
  ["dresses", "Dresses"],
  ["sarees", "Sarees"],
  ["jeans", "Jeans"],
  ["jackets", "Jackets"],
  ["hoodies", "Hoodies"],
] as const;

async function CartLink() {
  const count = await cartCount();
  return (
    <Link href="/cart" className="cart-link" aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`}>
      Cart <span className="badge" aria-hidden="true">{count}</span>
    </Link>
  );
}

export async function SiteHeader() {
  const viewer = await getViewer();
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link href="/" className="logo">
          Aarya Clothing
        </Link>
        <form action="/products" role="search" className="header-search">
          <label htmlFor="site-search" className="visually-hidden">
            Search the shop
          </label>
          <input id="site-search" type="search" name="q" placeholder="Search kurtas, tees, jeans…" />
          <button type="submit">Search</button>
        </form>
        <nav aria-label="Account" className="header-nav">
          <Link href="/products">Shop</Link>
          {viewer?.role === "admin" ? <Link href="/admin">Admin</Link> : null}
          {viewer ? <Link href="/orders">Orders</Link> : null}
          {viewer ? <Link href="/account">Account</Link> : <Link href="/login">Sign in</Link>}
          <Suspense fallback={<Link href="/cart">Cart</Link>}>
            <CartLink />
          </Suspense>
        </nav>
      </div>
      <nav aria-label="Collections" className="category-nav">
        <ul className="container">
          {COLLECTIONS.map(([slug, label]) => (
            <li key={slug}>
              <Link href={`/products?category=${slug}`}>{label}</Link>
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
