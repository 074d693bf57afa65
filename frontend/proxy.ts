import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce, stripeAllowed } from "@/lib/csp";
import { siteUrl } from "@/lib/site";

/**
 * Gives every page its own CSP nonce. Next.js reads the policy from the request's Content-Security-Policy header
 * and puts the nonce on the scripts it renders; the browser gets the same policy on the answer (nginx adds no
 * second one on the storefront's pages).
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV === "development",
    https: siteUrl().protocol === "https:",
    stripe: stripeAllowed(process.env),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the built assets, the API and media that nginx routes elsewhere, or metadata files.
      source: "/((?!_next/static|_next/image|api/|media/|healthz|favicon.ico|robots.txt|sitemap.xml).*)",
      // Prefetches carry no document of their own.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
