import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SITE_BODY_LIMIT, siteBodyTooLarge, startGateway } from "../src/gateway";
import { BUCKET_NAME } from "../src/platform";

/**
 * A POST of `size` bytes through the gateway; its status and body. A server may answer
 * before it has read the body (the API's 404 does) and close the connection while this is
 * still sending: the write then fails with EPIPE/ECONNRESET after the answer arrived. Its
 * own socket (no keep-alive pool) keeps that error on this request, where it is expected;
 * on a pooled socket it surfaced as an uncaught exception after the test.
 */
function post(url: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent: false, headers: { "content-type": "application/octet-stream", "content-length": String(size) } }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    req.end(Buffer.alloc(size));
  });
}

describe("the gateway plays Lambda's request cap for the site (6 MB of payload, 4.5 MB of base64-encoded form)", () => {
  let gateway: { url: string; stop(): Promise<void> };
  let siteSaw = 0;
  beforeAll(async () => {
    gateway = await startGateway({
      port: 0,
      web: (req, res) => {
        let bytes = 0;
        req.on("data", (chunk: Buffer) => (bytes += chunk.length));
        req.on("end", () => {
          siteSaw = bytes;
          res.end(`site read ${bytes}`);
        });
      },
    });
  });
  afterAll(() => gateway?.stop());

  it("knows the cap is Lambda's, 6,291,456 bytes, by the declared length", () => {
    expect(SITE_BODY_LIMIT).toBe(4_718_592);
    expect(siteBodyTooLarge({ headers: { "content-length": String(SITE_BODY_LIMIT) } })).toBe(false);
    expect(siteBodyTooLarge({ headers: { "content-length": String(SITE_BODY_LIMIT + 1) } })).toBe(true);
    expect(siteBodyTooLarge({ headers: {} })).toBe(false);
  });

  it("lets a body at the cap through to the site", async () => {
    const res = await post(`${gateway.url}/admin/clients/c1`, SITE_BODY_LIMIT);
    expect(res.status).toBe(200);
    expect(siteSaw).toBe(SITE_BODY_LIMIT);
  });

  it("refuses a larger body to the site with 413 before the site sees it, as AWS does", async () => {
    siteSaw = -1;
    const res = await post(`${gateway.url}/admin/clients/c1`, SITE_BODY_LIMIT + 1);
    expect(res.status).toBe(413);
    expect(res.body).toContain("6291456");
    expect(siteSaw).toBe(-1);
  });

  it("does not cap the API (its routes answer for themselves)", async () => {
    const res = await post(`${gateway.url}/api/nothing-here`, SITE_BODY_LIMIT + 1);
    expect(res.status).toBe(404);
  });
});

describe("the local S3 answers a browser's CORS preflight for a presigned PUT, as the bucket's rule does", () => {
  it("allows PUT with the signed headers from the site's origin", async () => {
    const res = await fetch(`${inject("external").s3}/${BUCKET_NAME}/uploads/x.jpg?X-Amz-Signature=abc`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:4321", "access-control-request-method": "PUT", "access-control-request-headers": "content-type,x-amz-meta-owner" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("PUT");
  });
});
