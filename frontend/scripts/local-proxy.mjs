#!/usr/bin/env node
// Stands in for nginx when there is none (development, a local e2e run): the same routes as the
// production site, so the browser only ever talks to one origin.
//   PROXY_PORT (8080)  STOREFRONT_URL (http://127.0.0.1:3000)
//   CORE_API_URL, COMMERCE_API_URL, PAYMENT_API_URL (the services' defaults)
//   MEDIA_URL (default COMMERCE_API_URL: commerce serves /media itself in development)
import http from "node:http";

const env = process.env;
const core = env.CORE_API_URL || "http://127.0.0.1:8001";
const commerce = env.COMMERCE_API_URL || "http://127.0.0.1:8010";
const payment = env.PAYMENT_API_URL || "http://127.0.0.1:8020";
const storefront = env.STOREFRONT_URL || "http://127.0.0.1:3000";
const media = env.MEDIA_URL || commerce;

export function upstreamFor(path) {
  if (/^\/api\/v1\/(auth|users|admin)(\/|$)/.test(path)) return core;
  if (/^\/api\/v1\/payments(\/|$)/.test(path)) return payment;
  if (/^\/api\/v1\/(products|cart|orders|categories)(\/|$)/.test(path)) return commerce;
  if (path.startsWith("/media/")) return media;
  return storefront;
}

const server = http.createServer((request, response) => {
  const target = new URL(request.url ?? "/", upstreamFor(request.url ?? "/"));
  const client = request.socket.remoteAddress ?? "127.0.0.1";
  const forwarded = request.headers["x-forwarded-for"] ? `${request.headers["x-forwarded-for"]}, ${client}` : client;
  const upstream = http.request(
    target,
    {
      // A fresh connection per request: reusing one uvicorn has just closed would answer 502.
      agent: false,
      method: request.method,
      headers: { ...request.headers, host: request.headers.host, "x-forwarded-for": forwarded, "x-forwarded-proto": "http" },
    },
    (reply) => {
      response.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(response);
    },
  );
  upstream.on("error", () => {
    if (!response.headersSent) response.writeHead(502, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { code: "bad_gateway", message: "Upstream unavailable", details: null } }));
  });
  request.pipe(upstream);
});

server.listen(Number(env.PROXY_PORT || 8080), "127.0.0.1", () => {
  console.log(`local proxy on http://localhost:${env.PROXY_PORT || 8080} -> storefront ${storefront}`);
});
