import Link from "next/link";

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: React.ReactNode;
  action?: { href: string; label: string };
}) {
  return (
    <div className="empty">
      <h2>{title}</h2>
      {children}
      {action ? (
        <p>
          <Link className="button" href={action.href}>
            {action.label}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
