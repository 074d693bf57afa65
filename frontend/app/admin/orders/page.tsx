import Link from "next/link";
import { Pagination } from "@/components/Pagination";
import { StaffOrdersTable } from "@/components/StaffOrdersTable";
import { isFiltered, ORDER_STATUSES, ordersHref, readOrderFilters, staffOrdersQuery, type SearchParams } from "@/lib/admin-orders";
import { staffOrders } from "@/lib/api/admin";
import { ApiError } from "@/lib/api/errors";
import { orderStatusLabel } from "@/lib/status";

export const metadata = { title: "Orders and refunds" };

/** Every customer's orders, newest first; the filters are a GET form, so the address is the list's state. */
export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = readOrderFilters(await searchParams);
  let orders = null;
  let problem: string | null = null;
  try {
    orders = await staffOrders(staffOrdersQuery(filters));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    problem = error.message;
  }
  return (
    <>
      <h1>Orders and refunds</h1>
      <p>
        <Link href="/admin/shipping">Shipping queue</Link> · the paid orders waiting to ship, the longest paid first.
      </p>
      <form action="/admin/orders" role="search" aria-label="Filter orders" className="filters staff-order-filters">
        <div className="field">
          <label htmlFor="orders-q">Search</label>
          <input
            id="orders-q"
            name="q"
            type="search"
            defaultValue={filters.q}
            maxLength={100}
            aria-describedby="orders-q-hint"
          />
          <span id="orders-q-hint" className="hint">
            Order number (#1A2B3C4D), or part of the e-mail, name, city or PIN code
          </span>
        </div>
        <fieldset>
          <legend>Status</legend>
          <div className="check-list">
            {ORDER_STATUSES.map((status) => (
              <label key={status} className="check-pill">
                <input type="checkbox" name="status" value={status} defaultChecked={filters.status.includes(status)} />
                <span>{orderStatusLabel(status)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="orders-from">Placed from</label>
          <input id="orders-from" name="created_from" type="date" defaultValue={filters.created_from} />
        </div>
        <div className="field">
          <label htmlFor="orders-to">Placed until</label>
          <input id="orders-to" name="created_to" type="date" defaultValue={filters.created_to} />
        </div>
        <div className="field">
          <label htmlFor="orders-customer">Customer e-mail or user id</label>
          <input id="orders-customer" name="customer" defaultValue={filters.customer} maxLength={320} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="orders-paid">Payment</label>
          <select id="orders-paid" name="paid" defaultValue={filters.paid}>
            <option value="">Paid or not</option>
            <option value="true">Paid</option>
            <option value="false">Unpaid</option>
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button small">
            Apply filters
          </button>
          {isFiltered(filters) ? <Link href="/admin/orders">Clear filters</Link> : null}
        </div>
      </form>
      {problem ? (
        <p className="notice error" role="alert">
          {problem}
        </p>
      ) : null}
      {orders ? (
        <>
          <p role="status">
            {orders.total} {orders.total === 1 ? "order" : "orders"}
            {isFiltered(filters) ? (orders.total === 1 ? " matches" : " match") : ""}
          </p>
          {orders.items.length > 0 ? <StaffOrdersTable orders={orders.items} /> : <p>No orders.</p>}
          <Pagination page={orders.page} pages={orders.pages} href={(page) => ordersHref(filters, page)} />
        </>
      ) : null}
    </>
  );
}
