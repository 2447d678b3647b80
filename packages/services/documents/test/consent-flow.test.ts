import { describe, expect, it } from "vitest";
import { extractText } from "unpdf";
import { Events } from "@mas/core/events/catalogue";
import { getObject, putObject } from "@mas/core/ports/storage";
import { listSchedules } from "@mas/core/ports/scheduler";
import { publish } from "../../../local/src/publish";
import { platform, sentMail } from "../../../local/test/harness";
import { db } from "../src/entities";
import { consentDocumentId } from "../src/domain/consent-forms";
import { appointmentRow, bookingAppointment } from "./booking-fixture";
import { appointmentView } from "@mas/booking/domain/appointment-view";
import { body, call, confirmAppointment, published, sign, signUp, useSchedulerClock } from "./support";

useSchedulerClock();

async function pdfText(key: string): Promise<string> {
  const { text } = await extractText(new Uint8Array(await getObject(key)), { mergePages: true });
  return text;
}

async function stored(documentId: string) {
  const { data } = await db().entities.document.get({ documentId }).go({ consistent: true });
  return data!;
}

describe("consent form for a confirmed appointment", () => {
  it("creates one awaiting_signature document with a PDF, announces it once, and schedules its expiry", async () => {
    const client = await signUp("client", { firstName: "Amelia", lastName: "Hughes", dateOfBirth: "1991-03-14" });
    const appointment = await confirmAppointment(client, { daysAhead: 7 });
    const document = await stored(appointment.documentId);
    expect(document).toMatchObject({ status: "awaiting_signature", userId: client.userId, subjectId: appointment.appointmentId, kind: "consent-form", templateVersion: 1, signBy: appointment.start, trailLength: 1 });
    const text = await pdfText(document.pdfKey);
    expect(text).toContain("Amelia Hughes");
    expect(text).toContain("Lip filler, 1 ml");
    expect(text).toContain("14 March 1991");
    expect(published("document.generated")).toContainEqual({ documentId: appointment.documentId, userId: client.userId, kind: "consent-form", subjectId: appointment.appointmentId });
    expect(await listSchedules(`doc-${appointment.documentId}`)).toEqual([`doc-${appointment.documentId}-expiry`]);
  });

  it("messaging mails the client a link to the signing page, and another once signed", async () => {
    const client = await signUp("client", { firstName: "Mia", lastName: "Link" });
    const appointment = await confirmAppointment(client);
    await sign(client, appointment.documentId);
    await platform().bus.idle();
    const mine = (await sentMail()).filter((m) => m.destination.to.some((to) => to.includes(client.email)));
    const link = `/account/documents/${appointment.documentId}`;
    expect(mine.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/^Please sign/), expect.stringMatching(/^Signed/)]));
    const documentMails = mine.filter((m) => /^(Please sign|Signed)/.test(m.subject));
    expect(documentMails).toHaveLength(2);
    for (const mail of documentMails) expect(mail.body.text).toContain(link);
  });

  it("is idempotent: the same appointment confirmed again (a redelivery) leaves one document and one announcement", async () => {
    const client = await signUp();
    const appointment = await confirmAppointment(client);
    const before = await stored(appointment.documentId);
    const { documentId, ...data } = appointment;
    await publish(Events.AppointmentConfirmed, data);
    await platform().bus.idle();
    expect(await stored(documentId)).toEqual(before);
    expect(published("document.generated").filter((d) => d.documentId === documentId)).toHaveLength(1);
  });

  it("expires 30 days after issue for an appointment further away than that", async () => {
    const client = await signUp();
    const appointment = await confirmAppointment(client, { daysAhead: 60 });
    expect((await stored(appointment.documentId)).signBy).toBe(new Date(platform().scheduler.now().getTime() + 30 * 86_400_000).toISOString());
  });
});

describe("signing, verifying and tampering", () => {
  it("signs: the signed PDF holds the name, treatment, time and audit data; verify says intact; one changed byte says tampered", async () => {
    const client = await signUp("client", { firstName: "Grace", lastName: "Okafor" });
    const owner = await signUp("owner");
    const appointment = await confirmAppointment(client, { serviceName: "Cheek filler" });
    const res = await sign(client, appointment.documentId, { typedName: "Grace Okafor" });
    expect(res.status).toBe(200);
    expect((await body(res)).document).toMatchObject({ status: "signed", signedAt: platform().scheduler.now().toISOString() });

    const document = await stored(appointment.documentId);
    expect(document.inputsSha256).toMatch(/^[0-9a-f]{64}$/);
    const text = await pdfText(document.pdfKey);
    for (const expected of ["Grace Okafor", "Cheek filler", document.signedAt!, "203.0.113.7", "vitest-browser/1.0", document.inputsSha256!, "Signing audit record"]) expect(text).toContain(expected);
    expect(published("document.signed")).toContainEqual({ documentId: appointment.documentId, userId: client.userId, kind: "consent-form", subjectId: appointment.appointmentId });
    expect(await listSchedules(`doc-${appointment.documentId}`)).toEqual([]);

    const intact = await call(`/documents/${appointment.documentId}/verify`, { headers: owner.headers });
    expect(await body(intact)).toMatchObject({ status: "intact", checks: { pdf: "intact", inputs: "intact", trail: "intact" } });

    const bytes = new Uint8Array(await getObject(document.pdfKey));
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    await putObject(document.pdfKey, bytes, "application/pdf");
    const tampered = await body(await call(`/documents/${appointment.documentId}/verify`, { headers: client.headers }));
    expect(tampered).toMatchObject({ status: "tampered", checks: { pdf: "tampered", inputs: "intact", trail: "intact" } });
  });

  it("reports tampering with the stored signature details and with the trail", async () => {
    const client = await signUp();
    const appointment = await confirmAppointment(client);
    expect((await sign(client, appointment.documentId)).status).toBe(200);
    const { data: signature } = await db().entities.signature.get({ documentId: appointment.documentId }).go();
    await db().entities.signature.put({ ...signature!, ip: "198.51.100.1" }).go();
    await db().entities.trailEntry.delete({ documentId: appointment.documentId, seq: 1 }).go();
    const result = await body(await call(`/documents/${appointment.documentId}/verify`, { headers: client.headers }));
    expect(result).toMatchObject({ status: "tampered", checks: { pdf: "intact", inputs: "tampered", trail: "tampered" } });
  });

  it("a signed document is immutable: a second signature is a 409 and changes nothing", async () => {
    const client = await signUp();
    const appointment = await confirmAppointment(client);
    expect((await sign(client, appointment.documentId)).status).toBe(200);
    const after = await stored(appointment.documentId);
    const again = await sign(client, appointment.documentId, { typedName: "Someone Else" });
    expect(again.status).toBe(409);
    expect((await body(again)).error.code).toBe("documents.already_signed");
    expect(await stored(appointment.documentId)).toEqual(after);
  });

  it("two signatures at once: exactly one wins", async () => {
    const client = await signUp();
    const appointment = await confirmAppointment(client);
    const statuses = (await Promise.all([sign(client, appointment.documentId), sign(client, appointment.documentId, { typedName: "Second Try" })])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const { data: trail } = await db().entities.trailEntry.query.byDocument({ documentId: appointment.documentId }).go();
    expect(trail.map((e) => e.action)).toEqual(["generated", "signed"]);
  });
});

describe("expiry", () => {
  it("an unsigned form expires when its schedule fires at the appointment, announces document.expired, and can no longer be signed", async () => {
    const client = await signUp();
    const appointment = await confirmAppointment(client, { daysAhead: 2 });
    await platform().scheduler.advanceBy(Date.parse(appointment.start) - platform().scheduler.now().getTime() + 60_000);
    await platform().bus.idle();
    expect(await stored(appointment.documentId)).toMatchObject({ status: "expired", trailLength: 2 });
    expect(published("document.expired")).toContainEqual({ documentId: appointment.documentId, userId: client.userId, kind: "consent-form", subjectId: appointment.appointmentId });
    const res = await sign(client, appointment.documentId);
    expect(res.status).toBe(409);
    expect((await body(res)).error.code).toBe("documents.expired");
  });

  it("booking shows an expired form on the appointment", async () => {
    const client = await signUp();
    const appointment = await bookingAppointment(client.userId);
    await publish(Events.AppointmentConfirmed, appointment);
    await platform().bus.idle();
    await platform().scheduler.advanceBy(Date.parse(appointment.start) - platform().scheduler.now().getTime() + 60_000);
    await platform().bus.idle();
    expect((await appointmentRow(appointment.appointmentId))!.consent).toMatchObject({ documentId: consentDocumentId(appointment.appointmentId), status: "expired" });
  });

  it("a signed form is left alone when a stale expiry fires", async () => {
    const client = await signUp();
    const appointment = await confirmAppointment(client, { daysAhead: 1 });
    await sign(client, appointment.documentId);
    await publish(Events.ReminderDue, { workflow: "document-expiry", step: "expire", subjectId: appointment.documentId, scheduledFor: appointment.start });
    await platform().scheduler.advanceBy(2 * 86_400_000);
    await platform().bus.idle();
    expect((await stored(appointment.documentId)).status).toBe("signed");
  });
});

describe("booking shows the consent state on the appointment", () => {
  it("missing before the form, awaiting once generated, signed once signed (and never back)", async () => {
    const client = await signUp();
    const appointment = await bookingAppointment(client.userId);
    expect(appointmentView((await appointmentRow(appointment.appointmentId))!).consent).toEqual({ status: "missing" });
    const { documentId, ...data } = { ...appointment, documentId: consentDocumentId(appointment.appointmentId) };
    await publish(Events.AppointmentConfirmed, data);
    await platform().bus.idle();
    expect((await appointmentRow(appointment.appointmentId))!.consent).toMatchObject({ documentId, status: "awaiting_signature" });
    expect((await sign(client, documentId)).status).toBe(200);
    await platform().bus.idle();
    expect(appointmentView((await appointmentRow(appointment.appointmentId))!).consent).toMatchObject({ status: "signed", documentId });
    // A late, duplicate "generated" announcement (new event id) does not undo the signature, nor does a stray "expired".
    await publish(Events.DocumentGenerated, { documentId, userId: client.userId, kind: "consent-form", subjectId: appointment.appointmentId });
    await publish(Events.DocumentExpired, { documentId, userId: client.userId, kind: "consent-form", subjectId: appointment.appointmentId });
    await platform().bus.idle();
    expect((await appointmentRow(appointment.appointmentId))!.consent!.status).toBe("signed");
  });
});
