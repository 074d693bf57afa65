import Link from "next/link";
import { listUsers } from "@/lib/api/account";
import { fraudReviews, shippingQueue } from "@/lib/api/admin";
import { listProductsRaw } from "@/lib/api/catalog";

export default async function AdminHome() {
  const [users, active, drafts, reviews, queue] = await Promise.all([
    listUsers({}),
    listProductsRaw({ page_size: 1 }),
    listProductsRaw({ page_size: 1, status: "draft" }),
    fraudReviews(1, true).catch(() => null),
    shippingQueue(1, 1).catch(() => null),
  ]);
  return (
    <>
      <h1>Admin</h1>
      <ul className="collections">
        <li>
          <Link className="collection-card" href="/admin/products">
            <strong>{active.total} products live</strong>
            <span className="muted">{drafts.total} drafts</span>
          </Link>
        </li>
        <li>
          <Link className="collection-card" href="/admin/users">
            <strong>{users.total} users</strong>
            <span className="muted">activate, deactivate</span>
          </Link>
        </li>
        <li>
          <Link className="collection-card" href="/admin/orders">
            <strong>Orders</strong>
            <span className="muted">filters, search, refunds</span>
          </Link>
        </li>
        <li>
          <Link className="collection-card" href="/admin/shipping">
            <strong>{queue ? `${queue.total} to ship` : "Shipping queue"}</strong>
            <span className="muted">packing slips, tracking</span>
          </Link>
        </li>
        <li>
          <Link className="collection-card" href="/admin/fraud">
            <strong>{reviews ? `${reviews.total} open reviews` : "Fraud reviews"}</strong>
            <span className="muted">approve or reject</span>
          </Link>
        </li>
      </ul>
    </>
  );
}
