import { closeIdleOnClose } from "@/lib/graceful";
import { splitSetCookie } from "@/lib/api/set-cookie";

/**
 * Runs once when the server starts, with fixes for Debian 12's Node.js 18:
 * - its older undici's Headers lack getSetCookie(), which Next.js 15 calls on every request that reads headers;
 * - its server.close() waits for idle keep-alive connections, so a restart waited for the stop timeout.
 */
export function register(): void {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  closeIdleOnClose();
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
