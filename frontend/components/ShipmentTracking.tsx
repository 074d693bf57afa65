import type { Order } from "@/lib/api/schema";

/** Who carries a shipped order and its tracking number, as the admin entered them at fulfilment. */
export function ShipmentTracking({ order }: { order: Pick<Order, "carrier" | "tracking_number"> }) {
  if (!order.carrier && !order.tracking_number) return null;
  return (
    <p className="shipment-tracking">
      Shipped{order.carrier ? (
        <>
          {" "}
          with <strong>{order.carrier}</strong>
        </>
      ) : null}
      {order.tracking_number ? (
        <>
          {" "}
          · tracking number <strong>{order.tracking_number}</strong>
        </>
      ) : null}
    </p>
  );
}
