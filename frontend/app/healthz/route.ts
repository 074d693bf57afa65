/** Liveness of the storefront server itself (the deploy's health check); needs no API service. */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok", service: "storefront" });
}
