import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
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

export function presignedUpload(key: string, contentType: string, expiresInSeconds = 300): Promise<string> {
  return getSignedUrl(s3(), new PutObjectCommand({ Bucket: config.bucketName(), Key: key, ContentType: contentType }), { expiresIn: expiresInSeconds });
}

export function presignedDownload(key: string, expiresInSeconds = 300): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: config.bucketName(), Key: key }), { expiresIn: expiresInSeconds });
}
