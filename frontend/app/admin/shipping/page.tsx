import Link from "next/link";
import { Pagination } from "@/components/Pagination";
import { StaffOrdersTable } from "@/components/StaffOrdersTable";
import { shippingQueue } from "@/lib/api/admin";

export const metadata = { title: "Shipping queue" };

/** Paid orders not shipped yet (partly refunded ones with goods still to send included), the longest paid first. */
export default async function ShippingQueuePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { page = "1" } = await searchParams;
  const queue = await shippingQueue(Math.max(1, Number.parseInt(page, 10) || 1));
  return (
    <>
      <h1>Shipping queue</h1>
      <p>
        Paid orders waiting to ship, the longest paid first. Print the packing slip, pack the parcel, then open the order
        to mark it shipped with the carrier and tracking number.
      </p>
      <p role="status">
        {queue.total} {queue.total === 1 ? "order" : "orders"} to ship
      </p>
      {queue.items.length > 0 ? (
        <StaffOrdersTable orders={queue.items} queue />
      ) : (
        <p>
          Nothing to ship. <Link href="/admin/orders">All orders</Link>
        </p>
      )}
      <Pagination page={queue.page} pages={queue.pages} href={(p) => `/admin/shipping?page=${p}`} />
    </>
  );
}
