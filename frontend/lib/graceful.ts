import http from "node:http";

const PATCHED = Symbol.for("aarya.drainOnClose");

/**
 * Make `server.close()` drain keep-alive connections, so the server stops while its clients keep sending.
 *
 * On SIGTERM Next.js calls `server.close()` and exits when it calls back, that is once every connection is
 * closed. `close()` only stops new connections: nginx's keep-alive connections stay open, and under a steady
 * load they are never idle, so every restart under load ran into the process manager's stop timeout and a
 * SIGKILL that cut the responses in flight (Node.js 18 also kept idle ones open for KEEP_ALIVE_TIMEOUT, 65 s).
 * After `close()`, each answer carries `Connection: close` and its connection closes when it is sent, and
 * requests in flight finish: the next request goes to another instance (nginx balances across them). Idle
 * connections are closed from IDLE_GRACE_MS on: closing one the moment a client reuses it resets that request
 * (nginx retries such a read elsewhere, not a write), so the grace is longer than nginx's upstream
 * keepalive_timeout (2 s, the nginx role's nginx_upstream_keepalive_timeout): by then nginx has closed every idle
 * connection itself. The server exits as soon as the last connection is gone.
 */
export const IDLE_GRACE_MS = 3_000;

export function drainOnClose(): void {
  const proto = http.Server.prototype as http.Server & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const close = proto.close;
  proto.close = function (this: http.Server, callback?: (err?: Error) => void) {
    this.on("request", (_request: http.IncomingMessage, response: http.ServerResponse) => {
      response.shouldKeepAlive = false;
    });
    const result = close.call(this, callback);
    let sweep: NodeJS.Timeout | undefined;
    const grace = setTimeout(() => {
      this.closeIdleConnections();
      sweep = setInterval(() => this.closeIdleConnections(), 50);
      sweep.unref();
    }, IDLE_GRACE_MS);
    grace.unref();
    this.once("close", () => {
      clearTimeout(grace);
      clearInterval(sweep);
    });
    return result;
  };
  proto[PATCHED] = true;
}
