import { describe, expect, it } from "vitest";

import { setCookieHeaders, splitSetCookie } from "@/lib/api/set-cookie";

const access = "access_token=abc.def; Max-Age=900; Path=/; HttpOnly; SameSite=lax";
const refresh = "refresh_token=sid.secret; expires=Thu, 01 Jan 2027 00:00:00 GMT; Path=/api/v1/auth; HttpOnly";

describe("splitSetCookie", () => {
  it("splits cookies joined with commas but keeps the comma of an Expires date", () => {
    expect(splitSetCookie(`${access}, ${refresh}`)).toEqual([access, refresh]);
  });

  it("returns a single cookie as is", () => {
    expect(splitSetCookie(refresh)).toEqual([refresh]);
  });
});

describe("setCookieHeaders", () => {
  it("reads every Set-Cookie header", () => {
    const headers = new Headers();
    headers.append("set-cookie", access);
    headers.append("set-cookie", refresh);
    expect(setCookieHeaders(headers)).toEqual([access, refresh]);
  });
});
