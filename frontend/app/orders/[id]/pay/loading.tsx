export default function PaymentLoading() {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Loading payment…</span>
      <div className="skeleton" style={{ height: "2.5rem", width: "30%", marginBottom: "1.5rem" }} />
      <div className="skeleton" style={{ height: "16rem", marginBottom: "0.75rem" }} />
    </div>
  );
}
