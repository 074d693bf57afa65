/** The shopper's delivery note on an order, for the shopper and for staff packing it. */
export function DeliveryNote({ note }: { note: string | null | undefined }) {
  if (!note) return null;
  return (
    <>
      <h2>Delivery note</h2>
      <p className="delivery-note" data-testid="delivery-note">
        {note}
      </p>
    </>
  );
}
