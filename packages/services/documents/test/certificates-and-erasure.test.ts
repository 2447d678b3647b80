import { describe, expect, it } from "vitest";
import { extractText } from "unpdf";
import { Events } from "@mas/core/events/catalogue";
import { getObject, headObject } from "@mas/core/ports/storage";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { db } from "../src/entities";
import { certificateDocumentId } from "../src/domain/certificates";
import { personalDataOf } from "../src/read";
import { confirmAppointment, published, sign, signUp, useSchedulerClock } from "./support";

useSchedulerClock();

describe("certificate.issued", () => {
  it("renders the certificate PDF once (holder, course, number, verification link) and announces it as a certificate", async () => {
    const student = await signUp("student", { firstName: "Bethan", lastName: "Pryce" });
    const data = { certificateId: "cert-1", enrollmentId: "enr-1", userId: student.userId, courseTitle: "Foundation dermal fillers", verificationCode: "MAS-2026-0042" };
    await publish(Events.CertificateIssued, data);
    await publish(Events.CertificateIssued, data);
    await platform().bus.idle();
    const { data: document } = await db().entities.document.get({ documentId: certificateDocumentId("cert-1") }).go();
    expect(document).toMatchObject({ kind: "certificate", status: "issued", userId: student.userId, subjectId: "cert-1" });
    const { text } = await extractText(new Uint8Array(await getObject(document!.pdfKey)), { mergePages: true });
    for (const expected of ["Bethan Pryce", "Foundation dermal fillers", "MAS-2026-0042", "/verify/MAS-2026-0042"]) expect(text).toContain(expected);
    expect(published("document.generated").filter((d) => d.documentId === certificateDocumentId("cert-1"))).toEqual([
      { documentId: certificateDocumentId("cert-1"), userId: student.userId, kind: "certificate", subjectId: "cert-1" },
    ]);
  });
});

describe("personal data", () => {
  it("exports the person's documents with what they signed; erasure removes unsigned forms and their PDFs, keeps signed ones", async () => {
    const client = await signUp("client", { firstName: "Isla", lastName: "Morgan" });
    const signed = await confirmAppointment(client);
    const unsigned = await confirmAppointment(client);
    expect((await sign(client, signed.documentId, { typedName: "Isla Morgan" })).status).toBe(200);

    const exported = (await personalDataOf(client.userId)) as { documents: { documentId: string; signature: { typedName: string } | null }[] };
    expect(exported.documents.map((d) => d.documentId).sort()).toEqual([signed.documentId, unsigned.documentId].sort());
    expect(exported.documents.find((d) => d.documentId === signed.documentId)!.signature!.typedName).toBe("Isla Morgan");

    const { data: unsignedItem } = await db().entities.document.get({ documentId: unsigned.documentId }).go();
    await publish(Events.UserErased, { userId: client.userId });
    await platform().bus.idle();
    expect((await db().entities.document.get({ documentId: unsigned.documentId }).go()).data).toBeNull();
    expect(await headObject(unsignedItem!.pdfKey)).toBeUndefined();
    expect((await db().entities.trailEntry.query.byDocument({ documentId: unsigned.documentId }).go()).data).toEqual([]);
    expect((await db().entities.document.get({ documentId: signed.documentId }).go()).data?.status).toBe("signed");
  });
});
