import { describe, expect, it } from "vitest";
import { isFiltered, ordersHref, readOrderFilters, staffOrdersQuery } from "@/lib/admin-orders";

describe("the staff orders list's filters", () => {
  it("reads the URL query the GET form sends, leaving out what is malformed", () => {
    const filters = readOrderFilters({
      status: ["paid", "partially_refunded", "shipped"],
      created_from: "2026-12-01",
      created_to: "yesterday",
      customer: " asha@example.com ",
      paid: "maybe",
      q: "",
      page: "-3",
    });
    expect(filters).toEqual({
      status: ["paid", "partially_refunded"],
      created_from: "2026-12-01",
      created_to: "",
      customer: "asha@example.com",
      paid: "",
      q: "",
      page: 1,
    });
    expect(readOrderFilters({ status: "fulfilled", paid: "false", page: "2" })).toMatchObject({
      status: ["fulfilled"],
      paid: "false",
      page: 2,
    });
  });

  it("asks commerce only for the filters that are set", () => {
    const filters = readOrderFilters({ status: "paid", paid: "true", q: "#1A2B", page: "3" });
    expect(staffOrdersQuery(filters, 25)).toEqual({
      status: ["paid"],
      created_from: undefined,
      created_to: undefined,
      customer: undefined,
      paid: true,
      q: "#1A2B",
      page: 3,
      page_size: 25,
    });
    expect(staffOrdersQuery(readOrderFilters({ paid: "false" })).paid).toBe(false);
    expect(staffOrdersQuery(readOrderFilters({})).paid).toBeUndefined();
  });

  it("keeps the filters in the pagination links", () => {
    const filters = readOrderFilters({ status: ["paid", "fulfilled"], q: "Bengaluru", customer: "" });
    expect(ordersHref(filters, 2)).toBe("/admin/orders?status=paid&status=fulfilled&q=Bengaluru&page=2");
    expect(ordersHref(filters, 1)).toBe("/admin/orders?status=paid&status=fulfilled&q=Bengaluru");
    expect(ordersHref(readOrderFilters({}), 1)).toBe("/admin/orders");
  });

  it("knows when the list is narrowed", () => {
    expect(isFiltered(readOrderFilters({ q: "  " }))).toBe(false);
    expect(isFiltered(readOrderFilters({ paid: "false" }))).toBe(true);
  });
});
