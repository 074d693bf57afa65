import { describe, expect, it, vi } from "vitest";
import { contextHeaders, createServices, failoverFetch, mayRetryElsewhere, serviceOrigins } from "@/lib/api/http";
import { parseSetCookie } from "@/lib/api/set-cookie";

describe("serviceOrigins", () => {
  it("defaults to the services on loopback", () => {
    expect(serviceOrigins({})).toEqual({
      core: ["http://127.0.0.1:8001"],
      commerce: ["http://127.0.0.1:8010"],
      payment: ["http://127.0.0.1:8020"],
    });
  });
  it("reads the environment, a comma-separated list of instances", () => {
    expect(serviceOrigins({ COMMERCE_API_URL: "http://10.0.0.5:8010" }).commerce).toEqual(["http://10.0.0.5:8010"]);
    expect(serviceOrigins({ CORE_API_URL: "http://127.0.0.1:8001/, http://127.0.0.1:8002" }).core).toEqual([
      "http://127.0.0.1:8001",
      "http://127.0.0.1:8002",
    ]);
  });
});

function refused(): Error {
  return new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
}
function reset(): Error {
  return new TypeError("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });
}

describe("failoverFetch", () => {
  const origins = ["http://127.0.0.1:8010", "http://127.0.0.1:8011"];

  it("takes turns among the instances", async () => {
    const seen: string[] = [];
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      seen.push(new URL((input as Request).url).port);
      return new Response("{}", { status: 200 });
    });
    const failover = failoverFetch(["http://127.0.0.1:9010", "http://127.0.0.1:9011"], fetchMock as unknown as typeof fetch);
    for (let i = 0; i < 4; i++) await failover("http://127.0.0.1:9010/api/v1/products");
    expect(seen.sort()).toEqual(["9010", "9010", "9011", "9011"]);
  });

  it("sends a write an instance refused to the next instance, body and headers intact", async () => {
    const calls: Request[] = [];
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const request = input as Request;
      calls.push(request);
      if (calls.length === 1) throw refused();
      return new Response(await request.text(), { status: 201 });
    });
    const response = await failoverFetch(origins, fetchMock as unknown as typeof fetch)(
      "http://127.0.0.1:8010/api/v1/cart/items",
      { method: "POST", body: '{"variant_id":"v","quantity":1}', headers: { "x-request-id": "r1" } },
    );
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('{"variant_id":"v","quantity":1}');
    expect(calls).toHaveLength(2);
    const [first, second] = calls as [Request, Request];
    expect(new URL(first.url).port).not.toBe(new URL(second.url).port);
    expect(new URL(second.url).pathname).toBe("/api/v1/cart/items");
    expect(second.headers.get("x-request-id")).toBe("r1");
  });

  it("retries a read on a closed connection but never a write, which may have been applied", async () => {
    const read = vi.fn(async () => {
      if (read.mock.calls.length === 1) throw reset();
      return new Response("ok");
    });
    expect(await (await failoverFetch(origins, read as unknown as typeof fetch)("http://127.0.0.1:8010/x")).text()).toBe("ok");
    const write = vi.fn(async () => {
      throw reset();
    });
    await expect(
      failoverFetch(origins, write as unknown as typeof fetch)("http://127.0.0.1:8010/x", { method: "POST", body: "{}" }),
    ).rejects.toThrow("fetch failed");
    expect(write).toHaveBeenCalledTimes(1);
  });

  it("fails with the last error when every instance refuses", async () => {
    const fetchMock = vi.fn(async () => {
      throw refused();
    });
    await expect(failoverFetch(origins, fetchMock as unknown as typeof fetch)("http://127.0.0.1:8010/x")).rejects.toThrow(
      "fetch failed",
    );
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("reads refused connections and resets from undici's error causes", () => {
    expect(mayRetryElsewhere(refused(), "POST")).toBe(true);
    expect(mayRetryElsewhere(reset(), "GET")).toBe(true);
    expect(mayRetryElsewhere(reset(), "POST")).toBe(false);
    expect(mayRetryElsewhere(new Error("boom"), "GET")).toBe(false);
  });
});

describe("contextHeaders", () => {
  it("forwards the access token as Bearer (no cookie, so no Origin check applies) and the client's address", () => {
    expect(contextHeaders({ accessToken: "abc", forwardedFor: "203.0.113.9" })).toEqual({
      accept: "application/json",
      authorization: "Bearer abc",
      "x-forwarded-for": "203.0.113.9",
    });
    expect(contextHeaders({})).toEqual({ accept: "application/json" });
  });
});

describe("createServices", () => {
  it("calls the right service with typed paths, array query and the Bearer token", async () => {
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
    expect(request.headers.get("authorization")).toBe("Bearer tok");
    expect(request.headers.get("cookie")).toBeNull();
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
