/** Reads the Set-Cookie headers core sends, so a server action can hand them on to the browser. */

export interface CookieToSet {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  maxAge?: number;
  expires?: Date;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "lax" | "strict" | "none";
}

export function parseSetCookie(header: string): CookieToSet | null {
  const [pair, ...attributes] = header.split(";");
  if (!pair) return null;
  const separator = pair.indexOf("=");
  if (separator <= 0) return null;
  const cookie: CookieToSet = {
    name: pair.slice(0, separator).trim(),
    value: decodeValue(pair.slice(separator + 1).trim()),
  };
  for (const attribute of attributes) {
    const [rawKey, ...rest] = attribute.split("=");
    const key = (rawKey ?? "").trim().toLowerCase();
    const value = rest.join("=").trim();
    switch (key) {
      case "path":
        cookie.path = value;
        break;
      case "domain":
        cookie.domain = value;
        break;
      case "max-age": {
        const seconds = Number.parseInt(value, 10);
        if (Number.isFinite(seconds)) cookie.maxAge = seconds;
        break;
      }
      case "expires": {
        const date = new Date(value);
        if (!Number.isNaN(date.getTime())) cookie.expires = date;
        break;
      }
      case "httponly":
        cookie.httpOnly = true;
        break;
      case "secure":
        cookie.secure = true;
        break;
      case "samesite": {
        const sameSite = value.toLowerCase();
        if (sameSite === "lax" || sameSite === "strict" || sameSite === "none") cookie.sameSite = sameSite;
        break;
      }
    }
  }
  return cookie;
}

/** Marks a cookie Secure when the shop is served over HTTPS; never drops a Secure that core set. */
export function secureOver<T extends { secure?: boolean }>(cookie: T, https: boolean): T {
  return https ? { ...cookie, secure: true } : cookie;
}

function decodeValue(value: string): string {
  const unquoted = value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  try {
    return decodeURIComponent(unquoted);
  } catch {
    return unquoted;
  }
}

/**
 * Split a `Set-Cookie` value that a Headers object joined with ", " back into cookies. A comma starts a
 * new cookie only when a `name=` follows it; the comma inside `Expires=Thu, 01 Jan …` is not followed by one.
 */
export function splitSetCookie(joined: string): string[] {
  return joined
    .split(/,(?=\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+=)/)
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie.length > 0);
}

export function setCookieHeaders(headers: Headers): string[] {
  if (typeof headers.getSetCookie === "function") return headers.getSetCookie();
  const joined = headers.get("set-cookie");
  return joined ? splitSetCookie(joined) : [];
}
