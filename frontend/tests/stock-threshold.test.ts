import { afterEach, describe, expect, it, vi } from "vitest";

// The threshold server action outside a request: an admin's access cookie, and revalidatePath as a no-op.
const ADMIN = `x.${Buffer.from(JSON.stringify({ sub: "admin-1", exp: 4102444800, role: "admin" })).toString("base64url")}.y`;
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "access_token" ? { name, value: ADMIN } : undefined) }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { setLowStockThreshold } = await import("@/lib/actions/admin");

const PRODUCT = "7a0c1e42-5a8e-4a55-8d53-9b1f2b8f0c11";
const VARIANT = "5d1f7c3e-9b1a-4f7e-8c2d-3a4b5c6d7e8f";

function form(threshold: string): FormData {
  const data = new FormData();
  data.set("product_id", PRODUCT);
  data.set("variant_id", VARIANT);
  data.set("low_stock_threshold", threshold);
  return data;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("setLowStockThreshold", () => {
  it("sends the whole number to commerce's stock PATCH with the admin's token and says where the alert now is", async () => {
    const requests: Request[] = [];
    vi.stubGlobal("fetch", async (input: Request) => {
      requests.push(input.clone());
      return Response.json({ sku: "TEE-BLU-M", low_stock_threshold: 8, low_stock: true, on_hand: 6, reserved: 0, available: 6 });
    });
    const state = await setLowStockThreshold({}, form(" 8 "));
    expect(state).toEqual({ ok: true, message: "TEE-BLU-M: running low at 8 or fewer (it is now)." });
    const [request] = requests;
    expect(request?.method).toBe("PATCH");
    expect(new URL(request?.url ?? "").pathname).toBe(`/api/v1/products/${PRODUCT}/variants/${VARIANT}/stock`);
    expect(request?.headers.get("authorization")).toBe(`Bearer ${ADMIN}`);
    expect(await request?.json()).toEqual({ low_stock_threshold: 8 });
  });

  it.each(["", "-1", "2.5", "ten", "1000001"])("refuses %j in words without calling commerce", async (value) => {
    const calls = vi.fn();
    vi.stubGlobal("fetch", calls);
    const state = await setLowStockThreshold({}, form(value));
    expect(state.fieldErrors?.low_stock_threshold).toMatch(/whole number of units/);
    expect(calls).not.toHaveBeenCalled();
  });

  it("shows commerce's refusal", async () => {
    vi.stubGlobal("fetch", async () =>
      Response.json({ error: { code: "variant_not_found", message: "No such variant." } }, { status: 404 }),
    );
    const state = await setLowStockThreshold({}, form("3"));
    expect(state.error).toBe("No such variant.");
  });
});
