/**
 * The staff orders list's filters: the page's URL query is their state (a GET form), read here into what the
 * form shows and what commerce's GET /api/v1/admin/orders is asked.
 */
import type { OrderStatus, StaffOrdersQuery } from "./api/schema";
import { ORDER_STATUS_LABELS } from "./status";

export const ORDER_STATUSES = Object.keys(ORDER_STATUS_LABELS) as OrderStatus[];
export const ORDERS_PAGE_SIZE = 25;

export interface OrderFilters {
  status: OrderStatus[];
  created_from: string;
  created_to: string;
  customer: string;
  paid: "" | "true" | "false";
  q: string;
  page: number;
}

export type SearchParams = Record<string, string | string[] | undefined>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function one(value: string | string[] | undefined): string {
  return (all(value)[0] ?? "").trim();
}

/** What the URL asks for; anything malformed (an unknown status, a date that is not YYYY-MM-DD) is left out. */
export function readOrderFilters(params: SearchParams): OrderFilters {
  const paid = one(params.paid);
  const day = (value: string) => (DAY.test(value) ? value : "");
  const page = Number.parseInt(one(params.page), 10);
  return {
    status: ORDER_STATUSES.filter((status) => all(params.status).includes(status)),
    created_from: day(one(params.created_from)),
    created_to: day(one(params.created_to)),
    customer: one(params.customer),
    paid: paid === "true" || paid === "false" ? paid : "",
    q: one(params.q),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The commerce query for these filters (empty ones are not sent). */
export function staffOrdersQuery(filters: OrderFilters, pageSize = ORDERS_PAGE_SIZE): StaffOrdersQuery {
  return {
    status: filters.status.length > 0 ? filters.status : undefined,
    created_from: filters.created_from || undefined,
    created_to: filters.created_to || undefined,
    customer: filters.customer || undefined,
    paid: filters.paid === "" ? undefined : filters.paid === "true",
    q: filters.q || undefined,
    page: filters.page,
    page_size: pageSize,
  };
}

/** The list's address for these filters on another page (what the pagination links to). */
export function ordersHref(filters: OrderFilters, page: number): string {
  const query = new URLSearchParams();
  for (const status of filters.status) query.append("status", status);
  for (const key of ["created_from", "created_to", "customer", "paid", "q"] as const) {
    if (filters[key]) query.set(key, filters[key]);
  }
  if (page > 1) query.set("page", String(page));
  const search = query.toString();
  return search ? `/admin/orders?${search}` : "/admin/orders";
}

/** Whether any filter or search narrows the list. */
export function isFiltered(filters: OrderFilters): boolean {
  return Boolean(
    filters.status.length || filters.created_from || filters.created_to || filters.customer || filters.paid || filters.q,
  );
}
