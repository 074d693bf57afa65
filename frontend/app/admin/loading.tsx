export default function AdminLoading() {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Loading…</span>
      <div className="skeleton" style={{ height: "2.5rem", width: "30%", marginBottom: "1.5rem" }} />
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className="skeleton" style={{ height: "4.5rem", marginBottom: "0.75rem" }} />
      ))}
    </div>
  );
}
