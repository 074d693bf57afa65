import Link from "next/link";
import { EmptyState } from "@/components/EmptyState";
import { AdminActionForm } from "@/components/forms/AdminActionForm";
import { Pagination } from "@/components/Pagination";
import { decideFraudReview } from "@/lib/actions/admin";
import { fraudReviews } from "@/lib/api/admin";
import { formatMoney } from "@/lib/money";
import { statusLabel } from "@/lib/status";

export const metadata = { title: "Fraud reviews" };

export default async function FraudReviewsPage({ searchParams }: { searchParams: Promise<{ page?: string; all?: string }> }) {
  const { page = "1", all } = await searchParams;
  const reviews = await fraudReviews(Math.max(1, Number.parseInt(page, 10) || 1), !all);
  return (
    <>
      <h1>Fraud reviews</h1>
      <p>
        {all ? <Link href="/admin/fraud">Show open reviews only</Link> : <Link href="/admin/fraud?all=1">Show all, including closed</Link>}
      </p>
      {reviews.items.length === 0 ? (
        <EmptyState title="Nothing to review" />
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Payment</th>
                <th scope="col">Score</th>
                <th scope="col">Reasons</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {reviews.items.map((review) => (
                <tr key={review.payment_id}>
                  <td>
                    <Link href={`/admin/orders/${review.order_id}`}>{review.payment_id}</Link>
                    <br />
                    {formatMoney(review.amount, review.currency)} · {statusLabel(review.payment_status)}
                  </td>
                  <td>
                    {review.score} ({statusLabel(review.decision)})
                  </td>
                  <td>
                    <ul>
                      {review.reasons.map((reason) => (
                        <li key={reason.rule}>
                          {reason.reason} (+{reason.points})
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {review.review_status === "open" ? (
                      <>
                        <AdminActionForm action={decideFraudReview} hidden={{ payment_id: review.payment_id, action: "approve" }} label="Approve" />
                        <AdminActionForm action={decideFraudReview} hidden={{ payment_id: review.payment_id, action: "reject" }} label="Reject and refund" danger />
                      </>
                    ) : (
                      statusLabel(review.review_status)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={reviews.page} pages={reviews.pages} href={(p) => `/admin/fraud?page=${p}${all ? "&all=1" : ""}`} />
    </>
  );
}
