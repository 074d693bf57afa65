export default function OrderLoading() {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Loading your order…</span>
      <div className="skeleton" style={{ height: "2.5rem", width: "40%", marginBottom: "1.5rem" }} />
      <div className="skeleton" style={{ height: "12rem", marginBottom: "0.75rem" }} />
    </div>
  );
}
