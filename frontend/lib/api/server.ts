/** The services as the current request sees them: the shopper's cookie and address go along. */
import { cookies, headers } from "next/headers";
import { decodeAccessToken, type Viewer } from "../session";
import { cookiesSecure } from "../site";
import { ACCESS_COOKIE, createServices, type Services } from "./http";
import { parseSetCookie, secureOver, setCookieHeaders } from "./set-cookie";

export async function services(): Promise<Services> {
  const jar = await cookies();
  const incoming = await headers();
  return createServices({
    accessToken: jar.get(ACCESS_COOKIE)?.value,
    forwardedFor: incoming.get("x-forwarded-for") ?? undefined,
    userAgent: incoming.get("user-agent") ?? undefined,
    requestId: incoming.get("x-request-id") ?? undefined,
  });
}

export async function getViewer(): Promise<Viewer | null> {
  const jar = await cookies();
  return decodeAccessToken(jar.get(ACCESS_COOKIE)?.value);
}

/**
 * Hands core's Set-Cookie headers (sign in, refresh, sign out) on to the browser, Secure when the shop is served
 * over HTTPS; server actions only.
 */
export async function passOnCookies(response: Response): Promise<void> {
  const jar = await cookies();
  for (const header of setCookieHeaders(response.headers)) {
    const cookie = parseSetCookie(header);
    if (!cookie) continue;
    const { name, value, ...options } = secureOver(cookie, cookiesSecure());
    jar.set(name, value, options);
  }
}
