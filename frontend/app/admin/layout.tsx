import type { Metadata } from "next";
import Link from "next/link";
import { SessionRefresh } from "@/components/SessionRefresh";
import { getViewer } from "@/lib/api/server";
import "../styles/admin.css";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Aarya Clothing" }, robots: { index: false } };

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) return <SessionRefresh next="/admin" />;
  if (viewer.role !== "admin") {
    return (
      <div className="empty">
        <h1>Admins only</h1>
        <p>This part of the shop is for the Aarya team.</p>
        <Link href="/">Back to the shop</Link>
      </div>
    );
  }
  return (
    <>
      <nav aria-label="Admin" className="admin-nav">
        <ul>
          <li>
            <Link href="/admin">Overview</Link>
          </li>
          <li>
            <Link href="/admin/products">Products and stock</Link>
          </li>
          <li>
            <Link href="/admin/users">Users</Link>
          </li>
          <li>
            <Link href="/admin/orders">Orders and refunds</Link>
          </li>
          <li>
            <Link href="/admin/shipping">Shipping queue</Link>
          </li>
          <li>
            <Link href="/admin/discounts">Discount codes</Link>
          </li>
          <li>
            <Link href="/admin/fraud">Fraud reviews</Link>
          </li>
        </ul>
      </nav>
      {children}
    </>
  );
}
