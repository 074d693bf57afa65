/**
 * Runs once when the server starts:
 * - server.close() keeps keep-alive connections open (busy ones under load, idle ones too on Node.js 18), so a
 *   restart waited for the stop timeout and cut the answers in flight: lib/graceful.ts drains them;
 * - Debian 12's Node.js 18 has an older undici whose Headers lack getSetCookie(), which Next.js 15 calls on
 *   every request that reads headers.
 * This file is also built for the edge runtime of middleware.ts, which has no node:http: the imports sit inside
 * the Node.js branch, which that build drops.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { drainOnClose } = await import("@/lib/graceful");
    const { splitSetCookie } = await import("@/lib/api/set-cookie");
    drainOnClose();
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
}
