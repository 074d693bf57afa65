import http from "node:http";

const PATCHED = Symbol.for("aarya.closeIdleOnClose");

/**
 * Make `server.close()` also drop idle keep-alive connections, as Node.js 19+ does by itself.
 *
 * On SIGTERM Next.js calls `server.close()` and exits when it calls back. On Debian 12's Node.js 18 that
 * waits for every idle keep-alive connection nginx holds open (KEEP_ALIVE_TIMEOUT, 65 s), so each restart
 * ran into the process manager's stop timeout and a SIGKILL. Requests in flight still finish.
 */
export function closeIdleOnClose(): void {
  const proto = http.Server.prototype as http.Server & { [PATCHED]?: true };
  if (proto[PATCHED] || Number(process.versions.node.split(".")[0]) >= 19) return;
  const close = proto.close;
  proto.close = function (this: http.Server, callback?: (err?: Error) => void) {
    const result = close.call(this, callback);
    this.closeIdleConnections();
    return result;
  };
  proto[PATCHED] = true;
}
