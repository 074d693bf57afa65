import { describe, expect, it } from "vitest";
import { decodeAccessToken } from "@/lib/session";

function token(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "EdDSA" })}.${encode(claims)}.signature`;
}

describe("decodeAccessToken", () => {
  const now = Date.UTC(2026, 0, 1);
  const exp = now / 1000 + 600;
  it("reads the user and role", () => {
    expect(decodeAccessToken(token({ sub: "u1", role: "admin", exp }), now)).toEqual({
      userId: "u1",
      role: "admin",
      email: null,
      expiresAt: exp * 1000,
    });
  });
  it("treats anything but admin or guest as a customer", () => {
    expect(decodeAccessToken(token({ sub: "u1", role: "root", exp }), now)?.role).toBe("customer");
  });
  it("reads a guest and its e-mail address", () => {
    const guest = decodeAccessToken(token({ sub: "g1", role: "guest", email: "asha@example.com", exp }), now);
    expect(guest).toMatchObject({ userId: "g1", role: "guest", email: "asha@example.com" });
  });
  it("refuses expired, malformed and missing tokens", () => {
    expect(decodeAccessToken(token({ sub: "u1", exp: now / 1000 - 1 }), now)).toBeNull();
    expect(decodeAccessToken("not-a-jwt", now)).toBeNull();
    expect(decodeAccessToken("a.%%%.c", now)).toBeNull();
    expect(decodeAccessToken(undefined, now)).toBeNull();
  });
});
