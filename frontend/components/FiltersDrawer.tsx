"use client";

import { useEffect, useRef } from "react";

/**
 * The filters' disclosure: a closed drawer on phones, an open sidebar on wide screens. The server opens it
 * for desktop browsers (no flash there); once loaded, the screen's width decides, until the shopper toggles it.
 */
export function FiltersDrawer({
  initiallyOpen,
  summary,
  children,
}: {
  initiallyOpen: boolean;
  summary: React.ReactNode;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const details = ref.current;
    if (details) details.open = window.matchMedia("(min-width: 900px)").matches;
  }, []);
  return (
    <details ref={ref} open={initiallyOpen} className="filters-drawer">
      {summary}
      {children}
    </details>
  );
}
