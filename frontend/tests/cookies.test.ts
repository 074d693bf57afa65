import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

interface SetCall {
  name: string;
  value: string;
  options: Record<string, unknown>;
}

// The cookie jar a server action writes to, standing in for next/headers outside a request.
const jar = vi.hoisted(() => ({ sets: [] as SetCall[] }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: () => undefined,
    set: (name: string, value: string, options: Record<string, unknown>) => jar.sets.push({ name, value, options }),
  }),
  headers: async () => new Headers(),
}));

const { passOnCookies } = await import("@/lib/api/server");
const { guestCartCookieOptions } = await import("@/lib/api/cart");
const { cookiesSecure } = await import("@/lib/site");

function coreAnswer(): Response {
  const headers = new Headers();
  headers.append("set-cookie", "access_token=abc.def; Max-Age=900; Path=/; HttpOnly; SameSite=lax");
  headers.append("set-cookie", "refresh_token=sid.secret; Max-Age=2592000; Path=/api/v1/auth; HttpOnly; SameSite=strict");
  return new Response(null, { headers });
}

describe("cookies the storefront sets", () => {
  beforeEach(() => {
    jar.sets = [];
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("are Secure when the shop is served over HTTPS, even when core's Set-Cookie lacks it", async () => {
    vi.stubEnv("SITE_URL", "https://shop.example");
    vi.stubEnv("COOKIE_SECURE", "");
    await passOnCookies(coreAnswer());
    expect(jar.sets.map((call) => call.name)).toEqual(["access_token", "refresh_token"]);
    for (const call of jar.sets) expect(call.options).toMatchObject({ secure: true, httpOnly: true });
    expect(jar.sets[1]?.options).toMatchObject({ path: "/api/v1/auth", sameSite: "strict", maxAge: 2592000 });
    expect(guestCartCookieOptions()).toMatchObject({ secure: true, httpOnly: true, sameSite: "lax" });
  });

  it("are Secure behind TLS when COOKIE_SECURE=true says so", () => {
    vi.stubEnv("SITE_URL", "http://localhost");
    vi.stubEnv("COOKIE_SECURE", "true");
    expect(cookiesSecure()).toBe(true);
    expect(guestCartCookieOptions().secure).toBe(true);
  });

  it("stay usable on the plain-HTTP local demo", async () => {
    vi.stubEnv("SITE_URL", "http://localhost");
    vi.stubEnv("COOKIE_SECURE", "");
    await passOnCookies(coreAnswer());
    for (const call of jar.sets) expect(call.options.secure).toBeFalsy();
    expect(guestCartCookieOptions().secure).toBe(false);
  });

  it("keep a Secure that core set", async () => {
    vi.stubEnv("SITE_URL", "http://localhost");
    const headers = new Headers({ "set-cookie": "access_token=abc.def; Path=/; Secure; HttpOnly" });
    await passOnCookies(new Response(null, { headers }));
    expect(jar.sets[0]?.options.secure).toBe(true);
  });
});
