import type { Server } from "node:http";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as sesModule from "aws-ses-v2-local";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";
// @ts-expect-error s3rver ships no types
import { DUMMY_ACCOUNT } from "s3rver/lib/models/account.js";
import { LOCAL_CREDENTIALS } from "./dynamodb";
import { freePort } from "./net";

export interface LocalSes {
  endpoint: string;
  stop(): Promise<void>;
}

/** aws-ses-v2-local in-process: SES v1/v2 SendEmail, inbox at `/`, `GET /store` for tests. */
export async function startSes(port?: number): Promise<LocalSes> {
  const chosen = port || (await freePort());
  // CJS default export: tsx and vitest expose it at different depths.
  const mod = sesModule as unknown as { default: unknown };
  const sesServer = (typeof mod.default === "function" ? mod.default : (mod.default as { default: unknown }).default) as typeof import("aws-ses-v2-local").default;
  const server: Server = await sesServer({ host: "127.0.0.1", port: chosen });
  return { endpoint: `http://127.0.0.1:${chosen}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface LocalS3 {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * The bucket's CORS rule as stacks/Data.ts sets it without a known site address: the
 * browser PUTs straight to a presigned URL (features/uploads) and GETs presigned links.
 */
export const BUCKET_CORS_XML = `<CORSConfiguration><CORSRule>
<AllowedOrigin>*</AllowedOrigin>
<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>
<AllowedHeader>content-type</AllowedHeader><AllowedHeader>content-length</AllowedHeader><AllowedHeader>content-disposition</AllowedHeader><AllowedHeader>x-amz-*</AllowedHeader>
<ExposeHeader>ETag</ExposeHeader>
<MaxAgeSeconds>3600</MaxAgeSeconds>
</CORSRule></CORSConfiguration>`;

/** s3rver in-process. It does not verify signatures: upload limits are enforced in our code. */
export async function startS3(options: { port?: number; directory?: string; buckets: string[] }): Promise<LocalS3> {
  const port = options.port || (await freePort());
  const directory = options.directory ?? join(tmpdir(), `mas-s3-${process.pid}-${port}`);
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    port,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [BUCKET_CORS_XML] })),
  });
  // s3rver knows only the key S3RVER; the platform's SDKs all sign with the one local key
  // pair (DynamoDB Local needs it alphanumeric), so s3rver is taught that pair too.
  DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
