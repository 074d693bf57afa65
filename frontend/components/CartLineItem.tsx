"use client";

import Link from "next/link";
import { useActionState } from "react";
import { updateCartLine } from "@/lib/actions/cart";
import { initialFormState } from "@/lib/actions/state";
import type { CartLine } from "@/lib/api/cart";
import { formatMoney } from "@/lib/money";
import { AutoSubmitSelect } from "./AutoSubmitSelect";
import { FormMessage } from "./FormMessage";

export function CartLineItem({ line }: { line: CartLine }) {
  const [state, action, pending] = useActionState(updateCartLine, initialFormState);
  const max = Math.max(line.quantity, Math.min(10, line.available));
  const id = `qty-${line.variantId}`;
  return (
    <li className="cart-line" aria-busy={pending}>
      {line.imageUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- commerce serves the pictures ready-sized from /media
        <img src={line.imageUrl} alt={line.imageAlt} width={88} height={110} />
      ) : (
        <span />
      )}
      <div>
        <h3>
          <Link href={`/products/${line.productSlug}`}>{line.title}</Link>
        </h3>
        <p className="muted">
          {line.colour} · Size {line.size} · {formatMoney(line.unitPrice, line.currency)} each
        </p>
        {!line.enoughStock ? (
          <p className="notice error" role="alert">
            Only {line.available} left: lower the quantity to check out.
          </p>
        ) : null}
        <div className="controls">
          <form action={action} className="inline-form">
            <input type="hidden" name="variant_id" value={line.variantId} />
            <input type="hidden" name="slug" value={line.productSlug} />
            <label htmlFor={id}>Quantity</label>
            <AutoSubmitSelect id={id} name="quantity" defaultValue={String(line.quantity)}>
              {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </AutoSubmitSelect>
            <noscript>
              <button type="submit" className="button small">
                Update
              </button>
            </noscript>
          </form>
          <form action={action}>
            <input type="hidden" name="variant_id" value={line.variantId} />
            <input type="hidden" name="slug" value={line.productSlug} />
            <input type="hidden" name="quantity" value="0" />
            <button type="submit" className="link-button" aria-label={`Remove ${line.title}, ${line.colour}, size ${line.size}`}>
              Remove
            </button>
          </form>
          <strong className="price">{formatMoney(line.lineTotal, line.currency)}</strong>
        </div>
        <FormMessage state={state.error ? state : {}} />
      </div>
    </li>
  );
}
