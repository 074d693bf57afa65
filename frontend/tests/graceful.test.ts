import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { drainOnClose, IDLE_GRACE_MS } from "@/lib/graceful";

interface Answer {
  status?: number;
  connection?: string;
  error?: string;
  /** Whether the error came after the answer had started (a cut answer), not before (no answer at all). */
  cut?: boolean;
}

/** GET / over the given keep-alive agent: the status and the Connection header, or the error and when it came. */
function get(port: number, agent: http.Agent): Promise<Answer> {
  return new Promise((resolve) => {
    let started = false;
    const request = http.get({ port, host: "127.0.0.1", path: "/", agent }, (response) => {
      started = true;
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () =>
        resolve(body === "page" ? { status: response.statusCode, connection: response.headers.connection } : { error: "short body", cut: true }),
      );
      response.on("aborted", () => resolve({ error: "aborted", cut: true }));
    });
    request.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, cut: started }));
  });
}

describe("drainOnClose", () => {
  it("lets a server close while keep-alive clients keep sending, finishing the answers in flight", { timeout: 10_000 }, async () => {
    drainOnClose();
    const server = http.createServer((_request, response) => {
      // A slow answer, as a rendered page is: it must finish although close() comes meanwhile.
      setTimeout(() => response.end("page"), 30);
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

    const answers: Answer[] = [];
    let closed = false;
    const clients = Array.from({ length: 4 }, async () => {
      while (!closed) answers.push(await get(port, agent));
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const took = Date.now() - started;
    closed = true;
    await Promise.all(clients);
    agent.destroy();

    expect(took).toBeLessThan(IDLE_GRACE_MS + 2_000);
    // Every answer that started was whole. A request that got no answer at all found the server gone (refused)
    // or its idle connection closed as it was reused (reset): what a balancer sends to another instance.
    // (Whether an answer says `Connection: close` depends on a request reaching a kept-alive connection after
    // close(): timing, so not asserted.)
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThan(10);
    expect(answers.filter((answer) => answer.cut)).toEqual([]);
    expect(answers.filter((answer) => answer.error && !["ECONNREFUSED", "ECONNRESET"].includes(answer.error))).toEqual([]);
  });
});
