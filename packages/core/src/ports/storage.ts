import type { S3Client } from "@aws-sdk/client-s3";
import { config } from "../config";

type S3 = { sdk: typeof import("@aws-sdk/client-s3"); client: S3Client };
let loaded: Promise<S3> | undefined;

/**
 * Imported on first use, not at import (a cold start's module init is the budget, see
 * ./bus.ts). Checksums only when required: otherwise streamed uploads are corrupted and
 * presigned PUT URLs carry a CRC of an empty body (a real production bug, see PLATFORM.md).
 */
const s3 = () =>
  (loaded ??= import("@aws-sdk/client-s3").then((sdk) => ({
    sdk,
    client: new sdk.S3Client({
      region: config.region(),
      forcePathStyle: config.s3ForcePathStyle(),
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    }),
  })));

/** The presigner, imported on first use like the client. */
const presigner = () => import("@aws-sdk/s3-request-presigner");

export async function putObject(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
  const { sdk, client } = await s3();
  await client.send(new sdk.PutObjectCommand({ Bucket: config.bucketName(), Key: key, Body: body, ContentType: contentType }));
}

export async function getObject(key: string): Promise<Uint8Array> {
  const { sdk, client } = await s3();
  const result = await client.send(new sdk.GetObjectCommand({ Bucket: config.bucketName(), Key: key }));
  return result.Body!.transformToByteArray();
}

/**
 * A PUT URL with the content type (and, when given, the exact length) signed in: S3 refuses
 * an upload whose headers differ. The local emulator does not check signatures, so callers
 * must still check the object after the upload (`headObject` + the first bytes).
 */
export async function presignedUpload(key: string, contentType: string, expiresInSeconds = 300, contentLength?: number): Promise<string> {
  const [{ sdk, client }, { getSignedUrl }] = await Promise.all([s3(), presigner()]);
  return getSignedUrl(client, new sdk.PutObjectCommand({ Bucket: config.bucketName(), Key: key, ContentType: contentType, ContentLength: contentLength }), { expiresIn: expiresInSeconds, signableHeaders: new Set(["content-type", ...(contentLength === undefined ? [] : ["content-length"])]) });
}

/** Size and type of a stored object, or undefined when there is none. */
export async function headObject(key: string): Promise<{ size: number; contentType?: string } | undefined> {
  const { sdk, client } = await s3();
  try {
    const result = await client.send(new sdk.HeadObjectCommand({ Bucket: config.bucketName(), Key: key }));
    return { size: result.ContentLength ?? 0, contentType: result.ContentType };
  } catch (error) {
    if (error instanceof sdk.NotFound || error instanceof sdk.NoSuchKey || (error as { name?: string }).name === "NotFound") return undefined;
    throw error;
  }
}

/** The first `length` bytes of an object (enough to read its magic bytes). */
export async function getObjectHead(key: string, length: number): Promise<Uint8Array> {
  const { sdk, client } = await s3();
  const result = await client.send(new sdk.GetObjectCommand({ Bucket: config.bucketName(), Key: key, Range: `bytes=0-${length - 1}` }));
  return result.Body!.transformToByteArray();
}

/** Deletes an object; a missing one is not an error (S3 answers 204 either way). */
export async function deleteObject(key: string): Promise<void> {
  const { sdk, client } = await s3();
  await client.send(new sdk.DeleteObjectCommand({ Bucket: config.bucketName(), Key: key }));
}

export async function presignedDownload(key: string, expiresInSeconds = 300): Promise<string> {
  const [{ sdk, client }, { getSignedUrl }] = await Promise.all([s3(), presigner()]);
  return getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: config.bucketName(), Key: key }), { expiresIn: expiresInSeconds });
}
