import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { config } from "../config";

let client: S3Client | undefined;

/**
 * Checksums only when required: otherwise streamed uploads are corrupted and presigned
 * PUT URLs carry a CRC of an empty body (a real production bug, see PLATFORM.md).
 */
const s3 = () =>
  (client ??= new S3Client({
    region: config.region(),
    forcePathStyle: config.s3ForcePathStyle(),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  }));

export async function putObject(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: config.bucketName(), Key: key, Body: body, ContentType: contentType }));
}

export async function getObject(key: string): Promise<Uint8Array> {
  const result = await s3().send(new GetObjectCommand({ Bucket: config.bucketName(), Key: key }));
  return result.Body!.transformToByteArray();
}

/**
 * A PUT URL with the content type (and, when given, the exact length) signed in: S3 refuses
 * an upload whose headers differ. The local emulator does not check signatures, so callers
 * must still check the object after the upload (`headObject` + the first bytes).
 */
export function presignedUpload(key: string, contentType: string, expiresInSeconds = 300, contentLength?: number): Promise<string> {
  const command = new PutObjectCommand({ Bucket: config.bucketName(), Key: key, ContentType: contentType, ContentLength: contentLength });
  return getSignedUrl(s3(), command, { expiresIn: expiresInSeconds, signableHeaders: new Set(["content-type", ...(contentLength === undefined ? [] : ["content-length"])]) });
}

/** Size and type of a stored object, or undefined when there is none. */
export async function headObject(key: string): Promise<{ size: number; contentType?: string } | undefined> {
  try {
    const result = await s3().send(new HeadObjectCommand({ Bucket: config.bucketName(), Key: key }));
    return { size: result.ContentLength ?? 0, contentType: result.ContentType };
  } catch (error) {
    if (error instanceof NotFound || error instanceof NoSuchKey || (error as { name?: string }).name === "NotFound") return undefined;
    throw error;
  }
}

/** The first `length` bytes of an object (enough to read its magic bytes). */
export async function getObjectHead(key: string, length: number): Promise<Uint8Array> {
  const result = await s3().send(new GetObjectCommand({ Bucket: config.bucketName(), Key: key, Range: `bytes=0-${length - 1}` }));
  return result.Body!.transformToByteArray();
}

/** Deletes an object; a missing one is not an error (S3 answers 204 either way). */
export async function deleteObject(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: config.bucketName(), Key: key }));
}

export function presignedDownload(key: string, expiresInSeconds = 300): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: config.bucketName(), Key: key }), { expiresIn: expiresInSeconds });
}
