/**
 * Runs once when the server starts:
 * - server.close() keeps keep-alive connections open (busy ones under load, idle ones too on Node.js 18), so a
 *   restart waited for the stop timeout and cut the answers in flight: lib/graceful.ts drains them;
 * - a Node.js whose undici Headers lack getSetCookie() (Node 18's) gets it, as Next.js calls it on every
 *   request that reads headers (Next.js 16 needs Node.js >= 20.9, which has it: this stays for `next dev` on
 *   an older Node).
 * Only the Node.js runtime loads the imports (an edge build of this file drops that branch).
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
