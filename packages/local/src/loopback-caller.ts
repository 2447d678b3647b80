import { request } from "node:http";
import { SESSION_COOKIE } from "@mas/core/http/auth";

/**
 * One person calling the local gateway over HTTP from their own loopback address
 * (127.x.y.z), as separate people come from separate addresses: the gateway takes the
 * viewer IP from the connection, so per-address limits (registration, sign-in slow-down,
 * booking and write limits) apply to each person, not to everyone together. Keeps the
 * session cookie the API sets. Used by the browser tests' second parties and the benches.
 */
export class LoopbackCaller {
  cookie = "";
  readonly address = `127.${1 + Math.floor(Math.random() * 254)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
  constructor(private readonly baseUrl: () => string) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
    const url = new URL(`${this.baseUrl()}${path}`);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const res = await new Promise<{ status: number; setCookie: string[]; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method,
          localAddress: this.address,
          headers: {
            host: url.host,
            ...(payload !== undefined ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, setCookie: response.headers["set-cookie"] ?? [], text: Buffer.concat(chunks).toString("utf8") }));
          response.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
    const session = res.setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (session) this.cookie = session.split(";")[0]!;
    return { status: res.status, body: (res.text ? JSON.parse(res.text) : {}) as T };
  }
}
