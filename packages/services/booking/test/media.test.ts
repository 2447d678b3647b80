import { beforeAll, describe, expect, it } from "vitest";
import { auditTrailOf } from "@mas/core/audit/audit";
import { siteLinks } from "@mas/core/links";
import { headObject } from "@mas/core/ports/storage";
import { body, call, json, seedClinic, signUp, treatments, type TestUser } from "./support";

/** The clinic's public pictures: uploaded by the owner (presigned PUT, then checked), served to anyone. */
let owner: TestUser;
let client: TestUser;
let student: TestUser;
let facialId: string;

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("a small but correctly headed png body")]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("JFIF-ish jpeg body")]);
const profile = { name: "Master Aesthetics Bath", address: "3 Milsom Street, Bath BA1 1DA", phone: "01225 111 222", email: "clinic@masteraesthetics.test", practitionerName: "Dr Jane Hale", bio: "" };

beforeAll(async () => {
  [owner, client, student] = await Promise.all([signUp("owner"), signUp("client"), signUp("student")]);
  facialId = (await seedClinic()).facial.id;
});

async function upload(purpose: string, declared: { contentType: string; size: number }, bytes: Buffer) {
  const res = await call("/admin/media", json("POST", { purpose, ...declared }, owner));
  expect(res.status).toBe(201);
  const ticket = await body(res);
  expect((await fetch(ticket.uploadUrl, { method: "PUT", headers: ticket.headers, body: new Uint8Array(bytes) })).status).toBe(200);
  return { ticket, confirm: () => call(`/admin/media/${ticket.mediaId}/confirm`, json("POST", undefined, owner)) };
}

describe("uploading a picture", () => {
  it("checks the upload, then anyone may fetch it (cacheable for a year, never sniffed)", async () => {
    const { ticket, confirm } = await upload("logo", { contentType: "image/png", size: png.length }, png);
    expect(ticket.key).toMatch(/^media\/[0-9A-Z]{26}\.png$/);
    const name = ticket.key.replace("media/", "");
    // Not served before the check.
    expect((await call(`/media/${name}`)).status).toBe(404);
    const confirmed = await confirm();
    expect(confirmed.status).toBe(200);
    expect((await body(confirmed)).media).toMatchObject({ mediaId: ticket.mediaId, purpose: "logo", status: "ready" });
    expect((await confirm()).status).toBe(200); // twice is harmless
    const served = await call(`/media/${name}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    // The link the site and the mails build for this picture lands on this route.
    const linked = new URL(siteLinks("https://clinic.example").publicMedia(ticket.key));
    expect((await call(linked.pathname.replace(/^\/api\/booking/, ""))).status).toBe(200);
    expect((await auditTrailOf(`media:${ticket.mediaId}`)).map((a) => a.action)).toContain("booking.media_uploaded");
  });

  it.each([
    ["an .exe renamed .png", { contentType: "image/png", size: 20 }, Buffer.concat([Buffer.from([0x4d, 0x5a]), Buffer.alloc(18, 1)]), "booking.upload_wrong_type"],
    ["a JPEG declared as PNG", { contentType: "image/png", size: jpeg.length }, jpeg, "booking.upload_wrong_type"],
    ["more bytes than declared", { contentType: "image/jpeg", size: 5 }, jpeg, "booking.upload_size_mismatch"],
  ])("refuses %s (422), deletes it and never serves it", async (_, declared, bytes, code) => {
    const { ticket, confirm } = await upload("treatment", declared, bytes);
    const res = await confirm();
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe(code);
    expect(await headObject(ticket.key)).toBeUndefined();
    expect((await call(`/media/${ticket.key.replace("media/", "")}`)).status).toBe(404);
    expect((await confirm()).status).toBe(422);
  });

  it("confirming before anything arrived is a 422 (the ticket stays usable)", async () => {
    const ticket = await body(await call("/admin/media", json("POST", { purpose: "portrait", contentType: "image/jpeg", size: 100 }, owner)));
    const res = await call(`/admin/media/${ticket.mediaId}/confirm`, json("POST", undefined, owner));
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe("booking.upload_missing");
  });

  it.each<[string, unknown, string]>([
    ["over 4 MB", { purpose: "logo", contentType: "image/png", size: 4 * 1024 * 1024 + 1 }, "size"],
    ["not a picture type we serve", { purpose: "logo", contentType: "image/svg+xml", size: 100 }, "contentType"],
    ["an unknown purpose", { purpose: "banner", contentType: "image/png", size: 100 }, "purpose"],
    ["no size", { purpose: "logo", contentType: "image/png" }, "size"],
    ["a fractional size", { purpose: "logo", contentType: "image/png", size: 1.5 }, "size"],
    ["an unknown field", { purpose: "logo", contentType: "image/png", size: 100, public: true }, "public"],
  ])("refuses an upload ticket for %s (400 naming the field)", async (_, payload, field) => {
    const res = await call("/admin/media", json("POST", payload, owner));
    expect(res.status).toBe(400);
    expect(JSON.stringify((await body(res)).error)).toContain(field);
  });

  it.each([
    ["a name that is not a picture's", "/media/logo.png", 400],
    ["a path outside the media prefix", "/media/..%2Fphotos%2Fx.jpg", 400],
    ["an unknown picture", "/media/01J00000000000000000000000.png", 404],
    ["a bad id to confirm", "/admin/media/not-an-id/confirm", 400],
    ["an unknown id to confirm", "/admin/media/01J00000000000000000000000/confirm", 404],
  ])("answers %s with a 4xx", async (_, path, status) => {
    const res = path.startsWith("/admin") ? await call(path, json("POST", undefined, owner)) : await call(path);
    expect(res.status).toBe(status);
  });

  it("is the owner's: anonymous 401, client and student 403", async () => {
    const ticket = { purpose: "logo", contentType: "image/png", size: 100 };
    expect((await call("/admin/media", json("POST", ticket))).status).toBe(401);
    expect((await call("/admin/media", json("POST", ticket, client))).status).toBe(403);
    expect((await call("/admin/media", json("POST", ticket, student))).status).toBe(403);
    for (const who of [undefined, client, student]) expect((await call("/admin/media/01J00000000000000000000000/confirm", json("POST", undefined, who))).status).toBe(who ? 403 : 401);
  });
});

describe("using the pictures", () => {
  it("the business profile names only checked uploads, and shows them to everyone", async () => {
    const logo = await upload("logo", { contentType: "image/png", size: png.length }, png);
    const unchecked = await upload("portrait", { contentType: "image/jpeg", size: jpeg.length }, jpeg);
    await logo.confirm();
    const refused = await call("/admin/business", json("PUT", { ...profile, logo: logo.ticket.key, portrait: unchecked.ticket.key }, owner));
    expect(refused.status).toBe(422);
    expect((await body(refused)).error).toMatchObject({ code: "booking.media_not_ready", fields: { portrait: expect.any(String) } });
    await unchecked.confirm();
    const saved = await call("/admin/business", json("PUT", { ...profile, logo: logo.ticket.key, portrait: unchecked.ticket.key }, owner));
    expect(saved.status).toBe(200);
    expect((await body(await call("/business"))).business).toMatchObject({ logo: logo.ticket.key, portrait: unchecked.ticket.key });
    // A made-up key of the right shape is not an upload.
    const invented = await call("/admin/business", json("PUT", { ...profile, logo: "media/01J00000000000000000000000.png" }, owner));
    expect(invented.status).toBe(422);
  });

  it("a treatment's picture must be a checked upload with alt text; it shows on the public menu and can be taken away", async () => {
    const image = await upload("treatment", { contentType: "image/jpeg", size: jpeg.length }, jpeg);
    await image.confirm();
    const noAlt = await call(`/admin/services/${facialId}`, json("PATCH", { image: image.ticket.key }, owner));
    expect(noAlt.status).toBe(422);
    expect((await body(noAlt)).error.fields).toHaveProperty("imageAlt");
    const patched = await call(`/admin/services/${facialId}`, json("PATCH", { image: image.ticket.key, imageAlt: "A client relaxing during a facial" }, owner));
    expect(patched.status).toBe(200);
    const shown = (await body(await call(`/services/${treatments.facial.slug}`))).service;
    expect(shown).toMatchObject({ image: image.ticket.key, imageAlt: "A client relaxing during a facial" });
    expect((await call(`/admin/services/${facialId}`, json("PATCH", { image: "https://elsewhere.test/x.jpg" }, owner))).status).toBe(400);
    expect((await call(`/admin/services/${facialId}`, json("PATCH", { image: null }, owner))).status).toBe(200);
    expect((await body(await call(`/services/${treatments.facial.slug}`))).service).toMatchObject({ image: null });
  });
});
