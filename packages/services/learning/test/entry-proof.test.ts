import { beforeAll, describe, expect, it } from "vitest";
import { call as documentsCall } from "../../documents/test/support";
import { anonymous, body, buildCourse, get, json, post, put, settle, signUp, type BuiltCourse, type TestUser, useSchedulerClock } from "./support";

/**
 * Proof of an entry requirement: the student uploads it through documents (presigned PUT,
 * then a confirm that checks the bytes), documents announces it through its outbox, learning
 * links it to the student's own enrolment, and the owner opens and confirms it.
 */
useSchedulerClock();

const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(200, 0x20)]);
let owner: TestUser;
let student: TestUser;
let other: TestUser;
let course: BuiltCourse;
let enrollmentId: string;

const docs = (path: string, method: string, payload: unknown, as: { headers: Record<string, string> }) => documentsCall(path, json(method, payload, as));

async function uploadProof(as: TestUser, forEnrollment: string, bytes: Buffer, contentType = "application/pdf") {
  const ticket = await docs("/me/entry-proofs", "POST", { enrollmentId: forEnrollment, contentType, size: bytes.length }, as);
  expect(ticket.status).toBe(201);
  const { fileId, uploadUrl, headers } = await body(ticket);
  expect((await fetch(uploadUrl, { method: "PUT", headers, body: new Uint8Array(bytes) })).status).toBe(200);
  return { fileId, confirm: (who: TestUser = as) => docs(`/me/entry-proofs/${fileId}/confirm`, "POST", undefined, who) };
}

beforeAll(async () => {
  [owner, student, other] = await Promise.all([signUp("owner"), signUp("student"), signUp("student")]);
  course = await buildCourse(owner, { priceInPence: 45_000, course: { entryRequirement: "Registered nurse, doctor or dentist" } });
  enrollmentId = (await body(await post("/enrollments", { courseId: course.courseId, entryEvidence: "NMC PIN 12A3456E" }, student))).enrollment.enrollmentId;
}, 60_000);

describe("entry proof", () => {
  it("asking for an upload: anonymous 401; bad type, size or fields 400", async () => {
    expect((await docs("/me/entry-proofs", "POST", { enrollmentId, contentType: "application/pdf", size: 10 }, anonymous)).status).toBe(401);
    const word = await docs("/me/entry-proofs", "POST", { enrollmentId, contentType: "application/msword", size: 10 }, student);
    expect(word.status).toBe(400);
    expect((await body(word)).error.fields.contentType).toMatch(/PDF, JPEG or PNG/);
    const big = await docs("/me/entry-proofs", "POST", { enrollmentId, contentType: "application/pdf", size: 11 * 1024 * 1024 }, student);
    expect(big.status).toBe(400);
    expect((await body(big)).error.fields.size).toMatch(/10 MB/);
    expect((await docs("/me/entry-proofs", "POST", { enrollmentId: "bad id!", contentType: "application/pdf", size: 10 }, student)).status).toBe(400);
    expect((await docs("/me/entry-proofs", "POST", { enrollmentId, contentType: "application/pdf", size: 10, name: "x.pdf" }, student)).status).toBe(400);
  });

  it("bytes that are not what was declared are refused (422) and deleted; someone else's upload is 404", async () => {
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    const fake = await uploadProof(student, enrollmentId, html);
    const refused = await fake.confirm();
    expect(refused.status).toBe(422);
    expect((await body(refused)).error.code).toBe("documents.upload_wrong_type");
    const good = await uploadProof(student, enrollmentId, pdf);
    expect((await good.confirm(other)).status).toBe(404);
    expect((await docs(`/me/entry-proofs/not-a-uuid/confirm`, "POST", undefined, student)).status).toBe(400);
  });

  it("a checked proof is linked to the student's enrolment; the owner opens it (60 s link) and confirms entry", async () => {
    const { fileId, confirm } = await uploadProof(student, enrollmentId, pdf);
    const confirmed = await confirm();
    expect(confirmed.status).toBe(200);
    expect((await body(confirmed)).proof).toMatchObject({ fileId, status: "ready", enrollmentId });
    expect((await confirm()).status).toBe(200); // twice is harmless
    await settle();
    const mine = (await body(await get(`/enrollments/${enrollmentId}`, student))).enrollment;
    expect(mine.entryProof).toMatchObject({ fileId, contentType: "application/pdf" });
    expect(mine.entryConfirmed).toBe(false);

    const asStudent = await documentsCall(`/admin/entry-proofs/${fileId}/download`, { headers: student.headers });
    expect(asStudent.status).toBe(403);
    const download = await body(await documentsCall(`/admin/entry-proofs/${fileId}/download`, { headers: owner.headers }));
    expect(download.url).toMatch(/X-Amz-Expires=60/);
    expect(Buffer.from(await (await fetch(download.url)).arrayBuffer())).toEqual(pdf);

    const listed = (await body(await get(`/admin/courses/${course.courseId}/enrollments`, owner))).enrollments.find((e: { enrollmentId: string }) => e.enrollmentId === enrollmentId);
    expect(listed.entryProof.fileId).toBe(fileId);
    expect((await put(`/admin/enrollments/${enrollmentId}/entry`, { confirmed: true }, owner)).status).toBe(200);
    expect((await body(await get(`/enrollments/${enrollmentId}`, student))).enrollment.entryConfirmed).toBe(true);
  });

  it("a proof uploaded against someone else's enrolment is never linked to it", async () => {
    const before = (await body(await get(`/enrollments/${enrollmentId}`, student))).enrollment.entryProof.fileId;
    const { fileId, confirm } = await uploadProof(other, enrollmentId, pdf);
    expect((await confirm()).status).toBe(200);
    await settle();
    const after = (await body(await get(`/enrollments/${enrollmentId}`, student))).enrollment.entryProof.fileId;
    expect(after).toBe(before);
    expect(after).not.toBe(fileId);
  });
});
