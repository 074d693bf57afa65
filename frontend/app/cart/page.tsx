import type { Metadata } from "next";
import Link from "next/link";
import { CartLineItem } from "@/components/CartLineItem";
import { CartSummary } from "@/components/CartSummary";
import { DiscountCodeForm } from "@/components/DiscountCodeForm";
import { EmptyState } from "@/components/EmptyState";
import { SessionRefresh } from "@/components/SessionRefresh";
import { getCart } from "@/lib/api/cart";
import { ApiError } from "@/lib/api/errors";

export const metadata: Metadata = { title: "Your cart", robots: { index: false } };

export default async function CartPage() {
  let cart;
  try {
    cart = await getCart();
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthenticated) return <SessionRefresh next="/cart" />;
    throw error;
  }
  if (cart.lines.length === 0) {
    return (
      <>
        <h1>Your cart</h1>
        <EmptyState title="Your cart is empty" action={{ href: "/products", label: "Start shopping" }}>
          <p>Find something you love: new styles arrive every week.</p>
        </EmptyState>
      </>
    );
  }
  const checkoutHref = cart.signedIn ? "/checkout" : `/register?next=${encodeURIComponent("/checkout")}`;
  return (
    <>
      <h1>Your cart</h1>
      <div className="two-column">
        <ul className="cart-lines" aria-label="Items in your cart">
          {cart.lines.map((line) => (
            <CartLineItem key={line.variantId} line={line} />
          ))}
        </ul>
        <CartSummary
          itemCount={cart.itemCount}
          subtotal={cart.subtotal}
          currency={cart.currency}
          discount={cart.discount}
          total={cart.total}
        >
          {cart.signedIn ? (
            <DiscountCodeForm discount={cart.discount} />
          ) : (
            <p className="muted">Have a discount code? Sign in or check out as a guest to use it.</p>
          )}
          {cart.canCheckout ? (
            <Link className="button wide" href={checkoutHref}>
              {cart.signedIn ? "Check out" : "Create an account to check out"}
            </Link>
          ) : (
            <p className="notice error">Some items are short of stock: lower their quantity to check out.</p>
          )}
          {cart.signedIn ? null : (
            <>
              <p>
                Have an account? <Link href={`/login?next=${encodeURIComponent("/checkout")}`}>Sign in</Link>
              </p>
              <p>
                No account needed: <Link href="/checkout">check out as a guest</Link>
              </p>
            </>
          )}
        </CartSummary>
      </div>
    </>
  );
}
