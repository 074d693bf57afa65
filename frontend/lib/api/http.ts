/**
 * The one typed fetch: openapi-fetch clients over the paths generated from each service's OpenAPI.
 * The storefront's server talks to the services directly on loopback; the shopper's access token
 * travels as the cookie core set, and the shopper's address as X-Forwarded-For so rate limits see
 * the real client, not this server.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths as CommercePaths } from "./types/commerce";
import type { paths as CorePaths } from "./types/core";
import type { paths as PaymentPaths } from "./types/payment";

export const ACCESS_COOKIE = "access_token";

export interface RequestContext {
  accessToken?: string;
  forwardedFor?: string;
  userAgent?: string;
  requestId?: string;
}

export interface Services {
  core: Client<CorePaths>;
  commerce: Client<CommercePaths>;
  payment: Client<PaymentPaths>;
}

type Env = Record<string, string | undefined>;

export function serviceOrigins(env: Env = process.env) {
  return {
    core: env.CORE_API_URL || "http://127.0.0.1:8001",
    commerce: env.COMMERCE_API_URL || "http://127.0.0.1:8010",
    payment: env.PAYMENT_API_URL || "http://127.0.0.1:8020",
  };
}

export function contextHeaders(context: RequestContext): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (context.accessToken) headers.cookie = `${ACCESS_COOKIE}=${context.accessToken}`;
  if (context.forwardedFor) headers["x-forwarded-for"] = context.forwardedFor;
  if (context.userAgent) headers["user-agent"] = context.userAgent;
  if (context.requestId) headers["x-request-id"] = context.requestId;
  return headers;
}

export function createServices(
  context: RequestContext,
  env: Env = process.env,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Services {
  const origins = serviceOrigins(env);
  const headers = contextHeaders(context);
  const options = { headers, fetch: fetchImpl, cache: "no-store" as const };
  return {
    core: createClient<CorePaths>({ baseUrl: origins.core, ...options }),
    commerce: createClient<CommercePaths>({ baseUrl: origins.commerce, ...options }),
    payment: createClient<PaymentPaths>({ baseUrl: origins.payment, ...options }),
  };
}
