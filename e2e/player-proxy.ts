import { createServer, request, type Server } from "node:http";

/**
 * A pass-through HTTP proxy in front of a test server, which can let one chosen request reach the
 * server and then cut the connection before the answer gets back: what the phone sees when the
 * server dies mid-request. (Browser-level request routing cannot do this reliably while a service
 * worker controls the page.)
 */
export class CuttingProxy {
  private server: Server | null = null;
  /**
   * Asked about each request; when it returns a function, the request is delivered, the server's
   * answer is awaited, the function runs (e.g. killing the server), and the connection is dropped.
   */
  cut: ((method: string, path: string) => (() => Promise<void>) | undefined) | undefined;

  private listeningPort: number | undefined;

  /** `targetPort` is asked at each request: the server behind may be started after the proxy is made. */
  constructor(private readonly targetPort: () => number) {}

  get port(): number {
    if (this.listeningPort === undefined) throw new Error("start the proxy first");
    return this.listeningPort;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((incoming, outgoing) => {
      const afterDelivery = this.cut?.(incoming.method ?? "GET", incoming.url ?? "/");
      const upstream = request(
        {
          host: "127.0.0.1",
          port: this.targetPort(),
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (answer) => {
          if (afterDelivery) {
            answer.resume();
            answer.on("end", () => void afterDelivery().then(() => incoming.socket.destroy()));
            return;
          }
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      // A server that is down looks the same through the proxy as without it: no answer at all.
      upstream.on("error", () => incoming.socket.destroy());
      incoming.pipe(upstream);
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const address = server.address();
    if (typeof address !== "object" || !address) throw new Error("the proxy has no port");
    this.listeningPort = address.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
