"use client";

import Link from "next/link";
import { useActionState, useMemo, useState } from "react";
import { addToCart } from "@/lib/actions/cart";
import { initialFormState } from "@/lib/actions/state";
import { stockLabel, variantOptions } from "@/lib/api/catalog-options";
import type { Product } from "@/lib/api/schema";
import { formatMoney } from "@/lib/money";
import { FormMessage } from "./FormMessage";
import { SubmitButton } from "./SubmitButton";

/** Colour and size pickers that show stock per variant, and the add-to-cart button. */
export function VariantPicker({ product, initialColour }: { product: Product; initialColour?: string }) {
  const options = useMemo(() => variantOptions(product), [product]);
  const firstInStock = options.colours.find((c) => c.available > 0) ?? options.colours[0];
  const [colour, setColour] = useState(
    options.colours.find((c) => c.name.toLowerCase() === initialColour?.toLowerCase())?.name ?? firstInStock?.name ?? "",
  );
  const [size, setSize] = useState("");
  const [state, action] = useActionState(addToCart, initialFormState);
  const sizes = options.sizesFor(colour);
  const chosen = sizes.find((s) => s.size === size)?.variant ?? null;
  const available = chosen?.available ?? 0;
  const maxQuantity = Math.max(1, Math.min(10, available));

  return (
    <form action={action} className="picker">
      <input type="hidden" name="slug" value={product.slug} />
      <input type="hidden" name="variant_id" value={chosen?.id ?? ""} />
      <fieldset>
        <legend>
          Colour: <span>{colour}</span>
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
                  setColour(c.name);
                  setSize("");
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
                onChange={() => setSize(s.size)}
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
      <div className="quantity-row">
        <div className="field">
          <label htmlFor="quantity">Quantity</label>
          <select id="quantity" name="quantity" defaultValue="1" className="input">
            {Array.from({ length: maxQuantity }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton pendingLabel="Adding…">{chosen ? "Add to cart" : "Choose a size"}</SubmitButton>
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
