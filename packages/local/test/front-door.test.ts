import type { IncomingMessage } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { ORIGIN_SECRET_HEADER, VIEWER_IP_HEADER } from "@mas/core/http/origin";
import { frontDoor } from "../src/gateway";
import { platform } from "./harness";

beforeAll(() => {
  process.env.PASSWORD_HASH_LOG2N = "12";
});

/** The gateway plays CloudFront's part: it sets the viewer IP from the connection and adds the origin secret. */
const request = (headers: Record<string, string>, remoteAddress = "::ffff:198.51.100.7") =>
  ({ headers: { ...headers }, rawHeaders: Object.entries(headers).flat(), socket: { remoteAddress } }) as unknown as IncomingMessage;
const raw = (req: IncomingMessage, name: string) => req.rawHeaders.filter((_, i) => i % 2 === 1 && req.rawHeaders[i - 1]!.toLowerCase() === name);

describe("the local gateway's front door", () => {
  it("overwrites a forged viewer IP with the connection's address and adds the origin secret", () => {
    const req = request({ [VIEWER_IP_HEADER]: "1.2.3.4", "x-forwarded-for": "5.6.7.8" });
    frontDoor(req);
    expect(req.headers[VIEWER_IP_HEADER]).toBe("198.51.100.7");
    expect(req.headers[ORIGIN_SECRET_HEADER]).toBe(process.env.ORIGIN_SECRET);
    // Hono's node adapter reads rawHeaders: the forged value must be gone there too.
    expect(raw(req, VIEWER_IP_HEADER)).toEqual(["198.51.100.7"]);
    expect(raw(req, ORIGIN_SECRET_HEADER)).toEqual([process.env.ORIGIN_SECRET]);
  });

  it("does not let a guessed secret smuggle a viewer IP through", () => {
    const req = request({ [VIEWER_IP_HEADER]: "1.2.3.4", [ORIGIN_SECRET_HEADER]: "guess" });
    frontDoor(req);
    expect(req.headers[VIEWER_IP_HEADER]).toBe("198.51.100.7");
    expect(req.headers[ORIGIN_SECRET_HEADER]).toBe(process.env.ORIGIN_SECRET);
  });

  it("keeps the visitor's IP the site server passes on with the secret", () => {
    const req = request({ [VIEWER_IP_HEADER]: "203.0.113.8", [ORIGIN_SECRET_HEADER]: process.env.ORIGIN_SECRET! }, "127.0.0.1");
    frontDoor(req);
    expect(req.headers[VIEWER_IP_HEADER]).toBe("203.0.113.8");
  });

  it("throttles sign-in per connection over HTTP, whatever viewer IP or X-Forwarded-For the client sends", async () => {
    const login = (i: number) =>
      fetch(`${platform().url}/api/accounts/login`, {
        method: "POST",
        headers: { "content-type": "application/json", [VIEWER_IP_HEADER]: `192.0.2.${i}`, "x-forwarded-for": `198.51.100.${i}` },
        body: JSON.stringify({ email: `door-${i}@example.com`, password: "wrong password here" }),
      });
    for (let i = 0; i < 11; i++) expect((await login(i)).status).toBe(401);
    // From here the connection is slowed (1 s, 2 s, 4 s … between guesses): within a few quick tries one is refused.
    const next: number[] = [];
    for (let i = 0; i < 6 && !next.includes(429); i++) next.push((await login(90 + i)).status);
    expect(next).toContain(429);
  });
});
