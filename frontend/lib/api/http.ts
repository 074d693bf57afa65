/**
 * The one typed fetch: openapi-fetch clients over the paths generated from each service's OpenAPI.
 * The storefront's server talks to the services directly on loopback; the shopper's access token
 * travels as the cookie core set, and the shopper's address as X-Forwarded-For so rate limits see
 * the real client, not this server. Each service may run as several instances (a deploy restarts them
 * one at a time): its variable lists their base URLs, requests take turns, and one an instance refuses
 * goes to the next.
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

/** Base URLs of each service's instances: CORE_API_URL etc., comma-separated. */
export function serviceOrigins(env: Env = process.env): Record<keyof Services, string[]> {
  const list = (value: string | undefined, fallback: string) => {
    const origins = (value ?? "").split(",").map((origin) => origin.trim().replace(/\/+$/, "")).filter(Boolean);
    return origins.length > 0 ? origins : [fallback];
  };
  return {
    core: list(env.CORE_API_URL, "http://127.0.0.1:8001"),
    commerce: list(env.COMMERCE_API_URL, "http://127.0.0.1:8010"),
    payment: list(env.PAYMENT_API_URL, "http://127.0.0.1:8020"),
  };
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors)) errors.forEach((inner) => codes.push(...errorCodes(inner)));
  }
  return codes;
}

/**
 * Whether a failed request may go to another instance: a refused connection never reached the service (any
 * method); a connection closed before the answer (a restart closing an idle keep-alive connection) is retried
 * for reads only, since a write may have been applied.
 */
export function mayRetryElsewhere(error: unknown, method: string): boolean {
  const codes = errorCodes(error);
  if (codes.includes("ECONNREFUSED")) return true;
  const read = method === "GET" || method === "HEAD";
  return read && codes.some((code) => ["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"].includes(code));
}

/**
 * A fetch over several instances of one service: requests made against origins[0] take turns among the
 * instances, and one that fails to reach an instance goes to the next (see mayRetryElsewhere).
 */
const turns = new Map<string, number>();

export function failoverFetch(origins: string[], fetchImpl: typeof fetch): typeof fetch {
  const primary = origins[0];
  if (primary === undefined || origins.length < 2) return fetchImpl;
  const key = origins.join(",");
  return async (input, init) => {
    const request = new Request(input, init);
    const path = request.url.startsWith(primary) ? request.url.slice(primary.length) : null;
    if (path === null) return fetchImpl(request);
    const body = request.body ? await request.arrayBuffer() : undefined;
    const turn = turns.get(key) ?? 0;
    turns.set(key, turn + 1);
    const first = turn % origins.length;
    let lastError: unknown;
    for (let attempt = 0; attempt < origins.length; attempt++) {
      const origin = origins[(first + attempt) % origins.length];
      const attemptRequest = new Request(origin + path, {
        method: request.method,
        headers: request.headers,
        body,
        redirect: request.redirect,
        signal: request.signal,
        cache: request.cache,
      });
      try {
        return await fetchImpl(attemptRequest);
      } catch (error) {
        if (!mayRetryElsewhere(error, request.method)) throw error;
        lastError = error;
      }
    }
    throw lastError;
  };
}

export function contextHeaders(context: RequestContext): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json" };
  // Bearer, not the cookie: the services check the Origin of cookie-authenticated writes (a server-to-server call
  // has none), while a Bearer token cannot be sent by another site's page.
  if (context.accessToken) headers.authorization = `Bearer ${context.accessToken}`;
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
  const options = (service: keyof Services) => ({
    baseUrl: origins[service][0] ?? "",
    headers,
    fetch: failoverFetch(origins[service], fetchImpl),
    cache: "no-store" as const,
  });
  return {
    core: createClient<CorePaths>(options("core")),
    commerce: createClient<CommercePaths>(options("commerce")),
    payment: createClient<PaymentPaths>(options("payment")),
  };
}
