import Link from "next/link";

export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav aria-label="Pages">
      <ul className="pagination">
        {page > 1 ? (
          <li>
            <Link href={href(page - 1)} rel="prev">
              Previous
            </Link>
          </li>
        ) : null}
        {shown.map((p, index) => (
          <li key={p}>
            {index > 0 && p - (shown[index - 1] ?? p) > 1 ? <span aria-hidden="true">…</span> : null}
            {p === page ? (
              <span aria-current="page">{p}</span>
            ) : (
              <Link href={href(p)} aria-label={`Page ${p}`}>
                {p}
              </Link>
            )}
          </li>
        ))}
        {page < pages ? (
          <li>
            <Link href={href(page + 1)} rel="next">
              Next
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
