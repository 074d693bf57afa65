import type { Metadata } from "next";
import { CartSummary } from "@/components/CartSummary";
import { EmptyState } from "@/components/EmptyState";
import { AddressForm } from "@/components/forms/AddressForm";
import { GuestCheckoutForm } from "@/components/forms/GuestCheckoutForm";
import { SessionRefresh } from "@/components/SessionRefresh";
import { currentUser } from "@/lib/api/account";
import { listAddresses } from "@/lib/api/addresses";
import { getCart } from "@/lib/api/cart";
import { ApiError } from "@/lib/api/errors";
import { getViewer } from "@/lib/api/server";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };

export default async function CheckoutPage({ searchParams }: { searchParams: Promise<{ verified?: string }> }) {
  const viewer = await getViewer();
  const signedOut = (
    <>
      <h1>Checkout</h1>
      <GuestCheckoutForm />
    </>
  );
  if (!viewer) return <SessionRefresh next="/checkout" signedOut={signedOut} />;
  let cart, user, addresses;
  try {
    [cart, user, addresses] = await Promise.all([getCart(), currentUser(), listAddresses()]);
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthenticated) return <SessionRefresh next="/checkout" signedOut={signedOut} />;
    throw error;
  }
  const guestEmail = viewer.role === "guest" ? (viewer.email ?? "") : null;
  const { verified } = await searchParams;
  if (cart.lines.length === 0) {
    return (
      <>
        <h1>Checkout</h1>
        <EmptyState title="Your cart is empty" action={{ href: "/products", label: "Start shopping" }} />
      </>
    );
  }
  return (
    <>
      <h1>Checkout</h1>
      {verified ? (
        <p className="notice success" role="status">
          Your e-mail address is verified.
        </p>
      ) : null}
      <div className="two-column">
        <AddressForm
          idempotencyKey={crypto.randomUUID()}
          defaultName={user?.full_name ?? ""}
          defaultPhone={user?.phone ?? ""}
          savedAddresses={addresses}
          guestEmail={guestEmail}
          appliedDiscount={cart.discount?.applied ? cart.discount.code : null}
        />
        <CartSummary
          itemCount={cart.itemCount}
          subtotal={cart.subtotal}
          currency={cart.currency}
          discount={cart.discount}
          total={cart.total}
        >
          {cart.discount && !cart.discount.applied ? (
            <p className="notice info" role="status">
              {cart.discount.code} is not applied{cart.discount.message ? `: ${cart.discount.message}` : "."}
            </p>
          ) : null}
          <ul className="muted" aria-label="Items">
            {cart.lines.map((line) => (
              <li key={line.variantId}>
                {line.quantity} × {line.title} ({line.colour}, {line.size}) · {formatMoney(line.lineTotal, line.currency)}
              </li>
            ))}
          </ul>
          {!cart.canCheckout ? <p className="notice error">Some items are short of stock; go back to the cart.</p> : null}
        </CartSummary>
      </div>
    </>
  );
}
