import Link from "next/link";
import type { Order } from "@/lib/api/schema";
import { formatMoney } from "@/lib/money";
import { describeTransition } from "@/lib/status";
import { OrderStatusBadge } from "./StatusBadge";

function formatDate(value: string): string {
  return new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Kolkata" }).format(new Date(value));
}

export function OrderItems({ order }: { order: Order }) {
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Items in the order</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Quantity</th>
            <th scope="col">Price</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item) => (
            <tr key={item.variant_id}>
              <td>
                <div className="order-line">
                  {item.image_url ? (
                    // eslint-disable-next-line @next/next/no-img-element -- commerce serves the pictures ready-sized from /media
                    <img src={item.image_url} alt={`${item.product_title} in ${item.colour}`} width={56} height={70} loading="lazy" />
                  ) : null}
                  <div>
                    <Link href={`/products/${item.product_slug}`}>{item.product_title}</Link>
                    <br />
                    <span className="muted">
                      {item.colour} · Size {item.size} · {formatMoney(item.unit_price_amount, order.currency)} each
                    </span>
                  </div>
                </div>
              </td>
              <td>{item.quantity}</td>
              <td>{formatMoney(item.line_total_amount, order.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {order.discount_code ? (
            <>
              <tr>
                <th scope="row" colSpan={2}>
                  Subtotal
                </th>
                <td>{formatMoney(order.subtotal_amount, order.currency)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={2}>
                  Discount ({order.discount_code})
                </th>
                <td data-testid="order-discount">−{formatMoney(order.discount_amount ?? 0, order.currency)}</td>
              </tr>
            </>
          ) : null}
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td>
              <strong data-testid="order-total">{formatMoney(order.total_amount, order.currency)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function ShippingAddressBlock({ address }: { address: Record<string, unknown> }) {
  const line = (key: string) => (typeof address[key] === "string" && address[key] ? String(address[key]) : null);
  return (
    <address>
      {[line("name"), line("line1"), line("line2"), [line("city"), line("state"), line("postal_code")].filter(Boolean).join(", "), line("phone")]
        .filter(Boolean)
        .map((text) => (
          <span key={text} style={{ display: "block" }}>
            {text}
          </span>
        ))}
    </address>
  );
}

export function OrderHeader({ order }: { order: Order }) {
  return (
    <p>
      Order <strong>#{order.id.slice(0, 8).toUpperCase()}</strong> · placed {formatDate(order.created_at)} · <OrderStatusBadge status={order.status} />
    </p>
  );
}

export function OrderTimeline({ order, staff = false }: { order: Order; staff?: boolean }) {
  return (
    <ol className="muted order-timeline">
      {order.transitions.map((t) => {
        const line = describeTransition(t, order.currency, { staff });
        return (
          <li key={`${t.to_status}-${t.created_at}`}>
            <time dateTime={t.created_at}>{formatDate(t.created_at)}</time>: {line.text}
            {line.reference ? <span className="reference"> · ref. {line.reference}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

export { formatDate };
