import { beforeAll, describe, expect, it } from "vitest";
import { saveProfile } from "@mas/booking/domain/client-records";
import { recordTreatment } from "@mas/booking/domain/treatment-records";
import { headObject } from "@mas/core/ports/storage";
import { platform } from "../../../local/test/harness";
import { db } from "../src/entities";
import { pngOf } from "./png";
import { body, call, json, signUp, useSchedulerClock, type TestUser } from "./support";

useSchedulerClock();

let owner: TestUser;
let consenting: TestUser;
let refusing: TestUser;
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF fake but correctly headed jpeg body")]);

beforeAll(async () => {
  [owner, consenting, refusing] = await Promise.all([signUp("owner"), signUp(), signUp()]);
  await saveProfile(consenting.userId, { consents: { photo: true } }, platform().scheduler.now());
  await saveProfile(refusing.userId, { consents: { photo: false } }, platform().scheduler.now());
});

async function requestUpload(clientId: string, contentType: string, size: number, as = owner) {
  return call("/admin/photos", json("POST", { clientId, contentType, size, label: "before" }, as));
}

async function upload(clientId: string, declared: { contentType: string; size: number }, bytes: Buffer) {
  const res = await requestUpload(clientId, declared.contentType, declared.size);
  expect(res.status).toBe(201);
  const ticket = await body(res);
  const put = await fetch(ticket.uploadUrl, { method: "PUT", headers: ticket.headers, body: new Uint8Array(bytes) });
  expect(put.status).toBe(200);
  const { data: file } = await db().entities.file.get({ fileId: ticket.fileId }).go();
  return { ticket, key: file!.key, confirm: () => call(`/admin/photos/${ticket.fileId}/confirm`, json("POST", undefined, owner)) };
}

describe("clinical photo uploads", () => {
  it("a JPEG of the declared size is accepted, listed, attachable and downloadable by a 60 s presigned GET", async () => {
    const { ticket, confirm } = await upload(consenting.userId, { contentType: "image/jpeg", size: jpeg.length }, jpeg);
    expect(ticket.uploadUrl).toContain(`photos%2F${consenting.userId}`.replace("%2F", "/"));
    const confirmed = await confirm();
    expect(confirmed.status).toBe(200);
    expect((await body(confirmed)).photo).toMatchObject({ status: "ready", clientId: consenting.userId, label: "before" });
    const { treatmentId } = await recordTreatment(consenting.userId, { performedAt: "2026-06-01T10:00:00+01:00", serviceName: "Lip filler" }, owner.userId, platform().scheduler.now());
    const { treatmentId: someoneElses } = await recordTreatment(refusing.userId, { performedAt: "2026-06-01T11:00:00+01:00", serviceName: "Peel" }, owner.userId, platform().scheduler.now());
    // Only onto one of the client's own treatment records.
    const wrong = await call(`/admin/photos/${ticket.fileId}/treatment`, json("PUT", { treatmentId: someoneElses }, owner));
    expect(wrong.status).toBe(422);
    expect((await body(wrong)).error).toMatchObject({ code: "documents.treatment_not_found", fields: { treatmentId: expect.any(String) } });
    expect((await call(`/admin/photos/${ticket.fileId}/treatment`, json("PUT", { treatmentId: "no-such-record" }, owner))).status).toBe(422);
    expect((await call(`/admin/photos/${ticket.fileId}/treatment`, json("PUT", { treatmentId }, owner))).status).toBe(200);
    const listed = await body(await call(`/admin/photos?clientId=${consenting.userId}&treatmentId=${treatmentId}`, { headers: owner.headers }));
    expect(listed.photos.map((p: { fileId: string }) => p.fileId)).toEqual([ticket.fileId]);
    const download = await body(await call(`/admin/photos/${ticket.fileId}/download`, { headers: owner.headers }));
    expect(download.url).toMatch(/X-Amz-Expires=60/);
    expect(Buffer.from(await (await fetch(download.url)).arrayBuffer())).toEqual(jpeg);
  });

  it.each([
    ["an .exe renamed .jpg", { contentType: "image/jpeg", size: 40 }, Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(36, 1)]), "documents.upload_wrong_type"],
    ["a PNG declared as JPEG", { contentType: "image/jpeg", size: pngOf(60, 60).length }, pngOf(60, 60), "documents.upload_wrong_type"],
    ["more bytes than declared (oversize)", { contentType: "image/jpeg", size: 10 }, jpeg, "documents.upload_size_mismatch"],
  ])("%s is refused (422) and nothing is left in the bucket", async (_, declared, bytes, code) => {
    const { ticket, key, confirm } = await upload(consenting.userId, declared, bytes);
    const res = await confirm();
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe(code);
    expect(await headObject(key)).toBeUndefined();
    expect((await body(await call(`/admin/photos?clientId=${consenting.userId}`, { headers: owner.headers }))).photos.map((p: { fileId: string }) => p.fileId)).not.toContain(ticket.fileId);
    expect((await call(`/admin/photos/${ticket.fileId}/download`, { headers: owner.headers })).status).toBe(409);
  });

  it("confirming before anything was uploaded is a 422 (the ticket stays usable)", async () => {
    const ticket = await body(await requestUpload(consenting.userId, "image/png", 100));
    const res = await call(`/admin/photos/${ticket.fileId}/confirm`, json("POST", undefined, owner));
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe("documents.upload_missing");
  });

  it.each([
    ["a declared size over 15 MB", () => requestUpload(consenting.userId, "image/jpeg", 16 * 1024 * 1024), 400],
    ["a type that is not an image we keep", () => requestUpload(consenting.userId, "application/x-msdownload", 100), 400],
    ["a client who withdrew photo consent", () => requestUpload(refusing.userId, "image/jpeg", 100), 409],
    ["a client who never answered", async () => requestUpload((await signUp()).userId, "image/jpeg", 100), 409],
    ["another client's treatment record", () => call("/admin/photos", json("POST", { clientId: consenting.userId, contentType: "image/jpeg", size: 100, treatmentId: "not-hers" }, owner)), 422],
  ])("refuses the upload ticket for %s", async (_, attempt, status) => {
    expect((await attempt()).status).toBe(status);
  });
});

describe("who may touch photos", () => {
  const routes: [string, (id: string) => string, unknown?][] = [
    ["POST", () => "/admin/photos", { clientId: "x", contentType: "image/jpeg", size: 10 }],
    ["POST", (id) => `/admin/photos/${id}/confirm`],
    ["PUT", (id) => `/admin/photos/${id}/treatment`, { treatmentId: "t" }],
    ["GET", () => "/admin/photos?clientId=x"],
    ["GET", (id) => `/admin/photos/${id}/download`],
  ];
  const someId = "5b0f3c3e-8f4c-4c53-9a53-2b8a4f1b2c3d";

  it.each(routes)("%s: anonymous 401, the client in the photo 403", async (method, path, payload) => {
    expect((await call(path(someId), json(method, payload, { headers: {} }))).status).toBe(401);
    expect((await call(path(someId), json(method, payload, consenting))).status).toBe(403);
  });

  it("unknown or malformed file ids are 404 / 400 for the owner", async () => {
    expect((await call(`/admin/photos/${someId}/download`, { headers: owner.headers })).status).toBe(404);
    expect((await call("/admin/photos/not-a-uuid/download", { headers: owner.headers })).status).toBe(400);
  });
});
