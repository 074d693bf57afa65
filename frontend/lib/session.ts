/**
 * Who is shopping, read from the access token's claims. The token is not verified here: the services
 * verify it on every call; the storefront only needs the user id for cart and order paths and the role
 * to show the admin menu.
 */
export interface Viewer {
  userId: string;
  /** A guest checks out with an e-mail address only: a cart, its own orders, no account pages. */
  role: "customer" | "admin" | "guest";
  email: string | null;
  expiresAt: number;
}

function base64UrlDecode(segment: string): string {
  const padded = segment.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(segment.length / 4) * 4, "=");
  return Buffer.from(padded, "base64").toString("utf8");
}

export function decodeAccessToken(token: string | undefined, now: number = Date.now()): Viewer | null {
  if (!token) return null;
  const [, payload] = token.split(".");
  if (!payload) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(payload)) as Record<string, unknown>;
    if (typeof claims.sub !== "string" || typeof claims.exp !== "number") return null;
    if (claims.exp * 1000 <= now) return null;
    return {
      userId: claims.sub,
      role: claims.role === "admin" || claims.role === "guest" ? claims.role : "customer",
      email: typeof claims.email === "string" ? claims.email : null,
      expiresAt: claims.exp * 1000,
    };
  } catch {
    return null;
  }
}
