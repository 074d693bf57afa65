import { splitSetCookie } from "@/lib/api/set-cookie";

/**
 * Runs once when the server starts. Debian 12's Node.js 18 uses the distro's older undici, whose Headers
 * lack getSetCookie(); Next.js 15 calls it on every request that reads headers, so add it where missing.
 */
export function register(): void {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (typeof Headers === "undefined" || typeof Headers.prototype.getSetCookie === "function") return;
  Object.defineProperty(Headers.prototype, "getSetCookie", {
    configurable: true,
    writable: true,
    value(this: Headers): string[] {
      const joined = this.get("set-cookie");
      return joined ? splitSetCookie(joined) : [];
    },
  });
}
