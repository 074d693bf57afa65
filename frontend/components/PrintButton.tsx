"use client";

/** Opens the browser's print dialog (the page's print styles leave only the document). */
export function PrintButton({ label = "Print" }: { label?: string }) {
  return (
    <button type="button" className="button small no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
