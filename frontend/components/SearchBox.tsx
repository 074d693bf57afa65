"use client";

import { usePathname, useSearchParams } from "next/navigation";

/** The header's search: on the listing it keeps the words searched for, so they can be changed. */
export function SearchBox() {
  const pathname = usePathname();
  const params = useSearchParams();
  const q = pathname === "/products" ? (params.get("q") ?? "") : "";
  return <SearchForm key={q} q={q} />;
}

export function SearchForm({ q = "" }: { q?: string }) {
  return (
    <form action="/products" role="search" className="header-search">
      <label htmlFor="site-search" className="visually-hidden">
        Search the shop
      </label>
      <input id="site-search" type="search" name="q" placeholder="Search kurtas, tees, jeans…" defaultValue={q} maxLength={100} />
      <button type="submit">Search</button>
    </form>
  );
}
