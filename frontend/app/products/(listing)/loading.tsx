export default function CatalogLoading() {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Loading the catalog…</span>
      <div className="skeleton" style={{ height: "2.5rem", width: "30%", marginBottom: "1.5rem" }} />
      <div className="catalog">
        <div className="skeleton filters-skeleton" />
        <div className="product-grid">
          {Array.from({ length: 8 }, (_, i) => (
            <div key={i} className="skeleton" style={{ aspectRatio: "4 / 6" }} />
          ))}
        </div>
      </div>
    </div>
  );
}
