import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryNote } from "@/components/DeliveryNote";
import { formatDate, ShippingAddressBlock } from "@/components/OrderDetails";
import { PrintButton } from "@/components/PrintButton";
import { findOrder } from "@/lib/api/orders";

export const metadata = { title: "Packing slip" };

/** What goes in the parcel, for the person packing it: printed black on white, no prices. */
export default async function PackingSlipPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const order = await findOrder(id);
  if (!order) notFound();
  const shortId = order.id.slice(0, 8).toUpperCase();
  return (
    <article className="packing-slip" aria-labelledby="slip-heading">
      <p className="no-print">
        <Link href={`/admin/orders/${order.id}`}>← Order #{shortId}</Link> · <PrintButton label="Print packing slip" />
      </p>
      <header>
        <p className="shop-name">Aarya Clothing</p>
        <h1 id="slip-heading">Packing slip · order #{shortId}</h1>
      </header>
      <dl className="slip-meta">
        <dt>Order</dt>
        <dd>{order.id}</dd>
        <dt>Placed</dt>
        <dd>{formatDate(order.created_at)}</dd>
        <dt>Items</dt>
        <dd>{order.item_count}</dd>
      </dl>
      <section aria-labelledby="ship-to-heading">
        <h2 id="ship-to-heading">Ship to</h2>
        <ShippingAddressBlock address={order.shipping_address} />
      </section>
      <DeliveryNote note={order.note} />
      <h2>Contents</h2>
      <table>
        <caption className="visually-hidden">What to pack</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Colour</th>
            <th scope="col">Size</th>
            <th scope="col">SKU</th>
            <th scope="col">Quantity</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item) => (
            <tr key={item.variant_id}>
              <td>{item.product_title}</td>
              <td>{item.colour}</td>
              <td>{item.size}</td>
              <td>
                <code>{item.sku}</code>
              </td>
              <td className="quantity">{item.quantity}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="packed">Packed by: ____________________ · Checked: ☐</p>
    </article>
  );
}
