import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// A server action outside a request: next/headers' cookie jar and next/navigation's redirect stand in.
const jar = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.cookies.has(name) ? { name, value: jar.cookies.get(name) } : undefined),
    set: (name: string, value: string) => jar.cookies.set(name, value),
    delete: (name: string) => jar.cookies.delete(name),
  }),
  headers: async () => new Headers(),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
}));

const { register } = await import("@/lib/actions/auth");

const ACCESS = `x.${Buffer.from(JSON.stringify({ sub: "u-1", exp: 4102444800, role: "customer" })).toString("base64url")}.y`;

/** Core as H1 builds it: register answers 202 alike for every address; login works only for the new account. */
function core(taken: boolean) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (input: Request) => {
    const path = new URL(input.url).pathname;
    calls.push(path);
    if (path === "/api/v1/auth/register") {
      return Response.json({ message: "Check your e-mail to continue.", expires_in: 600, resend_after: 60 }, { status: 202 });
    }
    if (path === "/api/v1/auth/login" && !taken) {
      return Response.json(
        { access_token: ACCESS, token_type: "bearer", expires_in: 900, refresh_token: "sid.secret" },
        { headers: { "set-cookie": `access_token=${ACCESS}; Path=/; HttpOnly; SameSite=lax` } },
      );
    }
    if (path === "/api/v1/auth/login") {
      return Response.json({ error: { code: "invalid_credentials", message: "Wrong e-mail or password.", details: null } }, { status: 401 });
    }
    throw new Error(`unexpected call ${path}`);
  });
  return calls;
}

function form(email: string): FormData {
  const data = new FormData();
  data.set("full_name", "Asha Rao");
  data.set("email", email);
  data.set("password", "summer-kurta-2026");
  data.set("next", "/checkout");
  return data;
}

async function redirectOf(action: Promise<unknown>): Promise<string> {
  const thrown = await action.then(
    (state) => ({ state }),
    (error: { url?: string }) => error,
  );
  expect(thrown).toHaveProperty("url");
  return (thrown as { url: string }).url;
}

describe("registering", () => {
  beforeEach(() => {
    jar.cookies.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("signs a new account in with the same password after core's neutral 202", async () => {
    const calls = core(false);
    const url = await redirectOf(register({}, form("asha@example.com")));
    expect(calls).toEqual(["/api/v1/auth/register", "/api/v1/auth/login"]);
    expect(jar.cookies.get("access_token")).toBe(ACCESS);
    expect(url).toBe("/verify?email=asha%40example.com&next=%2Fcheckout&registered=1");
  });

  it("answers a taken address exactly as a new one, showing no sign-in failure", async () => {
    core(true);
    const url = await redirectOf(register({}, form("taken@example.com")));
    expect(url).toBe("/verify?email=taken%40example.com&next=%2Fcheckout&registered=1");
    expect(jar.cookies.has("access_token")).toBe(false);
  });
});
