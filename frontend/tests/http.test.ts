import { describe, expect, it, vi } from "vitest";
import { contextHeaders, createServices, serviceOrigins } from "@/lib/api/http";
import { parseSetCookie } from "@/lib/api/set-cookie";

describe("serviceOrigins", () => {
  it("defaults to the services on loopback", () => {
    expect(serviceOrigins({})).toEqual({
      core: "http://127.0.0.1:8001",
      commerce: "http://127.0.0.1:8010",
      payment: "http://127.0.0.1:8020",
    });
  });
  it("reads the environment", () => {
    expect(serviceOrigins({ COMMERCE_API_URL: "http://10.0.0.5:8010" }).commerce).toBe("http://10.0.0.5:8010");
  });
});

describe("contextHeaders", () => {
  it("forwards only the access token cookie and the client's address", () => {
    expect(contextHeaders({ accessToken: "abc", forwardedFor: "203.0.113.9" })).toEqual({
      accept: "application/json",
      cookie: "access_token=abc",
      "x-forwarded-for": "203.0.113.9",
    });
    expect(contextHeaders({})).toEqual({ accept: "application/json" });
  });
});

describe("createServices", () => {
  it("calls the right service with typed paths, array query and the cookie", async () => {
    const fetchMock = vi.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>(async () =>
      new Response(JSON.stringify({ items: [], total: 0, page: 1, page_size: 12, pages: 0 }), {
        status: 200,
        headers: { "content-type": "application/json" },
      }),
    );
    const api = createServices({ accessToken: "tok" }, {}, fetchMock as unknown as typeof fetch);
    const result = await api.commerce.GET("/api/v1/products", { params: { query: { size: ["M", "L"], colour: ["blue"] } } });
    expect(result.data?.total).toBe(0);
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(request.url).toBe("http://127.0.0.1:8010/api/v1/products?size=M&size=L&colour=blue");
    expect(request.headers.get("cookie")).toBe("access_token=tok");
  });
});

describe("parseSetCookie", () => {
  it("reads core's access cookie", () => {
    expect(parseSetCookie("access_token=a.b.c; HttpOnly; Max-Age=900; Path=/; SameSite=lax; Secure")).toEqual({
      name: "access_token",
      value: "a.b.c",
      httpOnly: true,
      maxAge: 900,
      path: "/",
      sameSite: "lax",
      secure: true,
    });
  });
  it("keeps the refresh cookie's narrow path", () => {
    expect(parseSetCookie("refresh_token=s.x; HttpOnly; Path=/api/v1/auth; SameSite=strict")?.path).toBe("/api/v1/auth");
  });
  it("reads a deletion", () => {
    const cookie = parseSetCookie('access_token=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/');
    expect(cookie?.value).toBe("");
    expect(cookie?.maxAge).toBe(0);
    expect(cookie?.expires?.getTime()).toBe(0);
  });
  it("rejects nonsense", () => {
    expect(parseSetCookie("no-equals-sign")).toBeNull();
  });
});
