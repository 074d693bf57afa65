"use client";

import Link from "next/link";
import { useActionState, useMemo, useState, useTransition } from "react";
import { addToCart } from "@/lib/actions/cart";
import { initialFormState } from "@/lib/actions/state";
import { stockLabel, variantOptions } from "@/lib/api/catalog-options";
import type { Product } from "@/lib/api/schema";
import { formatMoney, formatPriceRange } from "@/lib/money";
import { FormMessage } from "./FormMessage";

/**
 * Colour and size pickers that show stock per variant, and the add-to-cart bar (on phones it stays at the
 * bottom of the screen). The colour belongs to the page (the gallery follows
 * it); every input is controlled, and the form is submitted through a transition rather than React's form
 * action, so the choices stay highlighted after adding (React resets a form after its action).
 */
export function VariantPicker({
  product,
  colour,
  onColourChange,
}: {
  product: Product;
  colour: string;
  onColourChange: (colour: string) => void;
}) {
  const options = useMemo(() => variantOptions(product), [product]);
  const [size, setSize] = useState("");
  const [quantity, setQuantity] = useState("1");
  const [state, action, pending] = useActionState(addToCart, initialFormState);
  const [, startTransition] = useTransition();
  const sizes = options.sizesFor(colour);
  const chosen = sizes.find((s) => s.size === size)?.variant ?? null;
  const available = chosen?.available ?? 0;
  const maxQuantity = Math.max(1, Math.min(10, available));
  const prices = product.variants.filter((v) => v.is_active && v.colour === colour).map((v) => v.price_amount);
  const currency = chosen?.currency ?? product.currency ?? "INR";
  const price = chosen
    ? formatMoney(chosen.price_amount, chosen.currency)
    : prices.length
      ? formatPriceRange(Math.min(...prices), Math.max(...prices), currency)
      : null;

  return (
    <form
      action={action}
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen) {
          // "Choose a size" (on phones in the bar at the bottom of the screen): take the shopper to the sizes.
          const first = event.currentTarget.querySelector<HTMLInputElement>('input[name="size"]:not(:disabled)');
          first?.closest("fieldset")?.scrollIntoView({ block: "center", behavior: "smooth" });
          first?.focus({ preventScroll: true });
          return;
        }
        const data = new FormData(event.currentTarget);
        startTransition(() => action(data));
      }}
      className="picker"
    >
      <input type="hidden" name="slug" value={product.slug} />
      <input type="hidden" name="variant_id" value={chosen?.id ?? ""} />
      <fieldset>
        <legend>
          Colour: <span data-testid="chosen-colour">{colour}</span>
        </legend>
        <div className="options">
          {options.colours.map((c) => (
            <label key={c.name} className="option">
              <input
                type="radio"
                name="colour"
                value={c.name}
                checked={colour === c.name}
                onChange={() => {
                  onColourChange(c.name);
                  setSize("");
                  setQuantity("1");
                }}
              />
              <span>
                <span className="swatch" style={{ background: c.hex ?? "transparent" }} aria-hidden="true" />
                {c.name}
                {c.available === 0 ? <small>Sold out</small> : null}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>
          Size{size ? `: ${size}` : ""} <span className="muted">(choose one)</span>
        </legend>
        <div className="options">
          {sizes.map((s) => (
            <label key={s.size} className="option">
              <input
                type="radio"
                name="size"
                value={s.size}
                checked={size === s.size}
                disabled={!s.variant || s.available === 0}
                onChange={() => {
                  setSize(s.size);
                  setQuantity("1");
                }}
              />
              <span>
                {s.size === "FREE" ? "Free size" : s.size}
                <small>{s.variant ? stockLabel(s.available) : "Not made"}</small>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {chosen ? (
        <p className={`stock-note ${available === 0 ? "out" : available <= 5 ? "low" : ""}`} aria-live="polite">
          {colour}, size {chosen.size}: {stockLabel(available)} · {formatMoney(chosen.price_amount, chosen.currency)}
        </p>
      ) : (
        <p className="muted" aria-live="polite">
          Choose a size to see its stock.
        </p>
      )}
      <div className="quantity-row buy-bar">
        {price ? (
          <p className="buy-bar-price" aria-hidden="true">
            {price}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="quantity">Quantity</label>
          <select
            id="quantity"
            name="quantity"
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
            className="input"
          >
            {Array.from({ length: maxQuantity }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
          {pending ? "Adding…" : chosen ? "Add to cart" : "Choose a size"}
        </button>
      </div>
      <FormMessage state={state} />
      {state.ok ? (
        <p>
          <Link href="/cart" className="button secondary">
            View cart and check out
          </Link>
        </p>
      ) : null}
    </form>
  );
}
