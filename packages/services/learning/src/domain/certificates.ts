import { randomBytes } from "node:crypto";
import type { EntityItem } from "electrodb";
import { getUser } from "@mas/accounts/read";
import { notFound } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { db } from "../entities";
import type { Certificate } from "../entities/certificate";
import { certificateExpiry, certificateNumber, certificateStatus, certificateYear } from "./certificate-rules";
import { getCourse } from "./courses";
import { commitRetryingConflicts } from "@mas/core/db/transactions";

/** Seat and certificate counters have many writers at once: more patience than the kernel default. */
const commitContended: typeof commitRetryingConflicts = (write) => commitRetryingConflicts(write, 40);

/**
 * Certificates: issued once per completed enrolment, numbered from the year's counter
 * (see CertificateCounter: read, then compare-and-set in the issuing transaction, retried
 * by whoever lost the race — so 20 completions at once take 20 consecutive numbers), with
 * a random 120-bit verification id for the public verify page.
 */
export type CertificateItem = EntityItem<typeof Certificate>;

const MAX_ROUNDS = 200;

export const newVerificationId = () => randomBytes(15).toString("base64url");

export async function issueCertificate(enrollmentId: string, now: Date): Promise<CertificateItem | undefined> {
  const year = certificateYear(now);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { data: enrollment } = await db().entities.enrollment.get({ enrollmentId }).go({ consistent: true });
    if (!enrollment || enrollment.status !== "completed") return undefined;
    if (enrollment.certificateId) return getCertificate(enrollment.certificateId);
    const course = await getCourse(enrollment.courseId);
    const { data: counter } = await db().entities.certificateCounter.get({ year }).go({ consistent: true });
    const sequence = (counter?.value ?? 0) + 1;
    const expires = certificateExpiry(now, course?.certificateValidityMonths);
    const certificate: CertificateItem = {
      certificateId: newVerificationId(),
      number: certificateNumber(year, sequence),
      enrollmentId,
      userId: enrollment.userId,
      courseId: enrollment.courseId,
      courseTitle: enrollment.courseTitle,
      issuedAt: now.toISOString(),
      ...(expires ? { expiresAt: expires.toISOString() } : {}),
    };
    const events = [
      stageEvent(
        Events.CertificateIssued,
        { certificateId: certificate.certificateId, enrollmentId, userId: enrollment.userId, courseTitle: enrollment.courseTitle, verificationCode: certificate.certificateId },
        { occurredAt: now },
      ),
    ];
    const result = await commitContended(() =>
      db()
        .transaction.write(({ certificateCounter, certificate: c, enrollment: e, outboxEvent }) => [
          counter
            ? certificateCounter.patch({ year }).set({ value: sequence }).where((attr, op) => op.eq(attr.value, counter.value)).commit()
            : certificateCounter.create({ year, value: sequence }).commit(),
          c.create(certificate).commit(),
          e.patch({ enrollmentId }).set({ certificateId: certificate.certificateId }).where((attr, op) => op.notExists(attr.certificateId)).commit(),
          ...events.map((ev) => outboxEvent.put(ev.item).commit()),
        ])
        .go(),
    );
    if (!result.canceled) {
      await publishStaged(events);
      return certificate;
    }
    // Someone else took this number (or certified this enrolment): read again and retry.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
  }
  throw new Error(`Could not number a certificate for ${enrollmentId} after ${MAX_ROUNDS} rounds`);
}

export async function getCertificate(certificateId: string): Promise<CertificateItem | undefined> {
  const { data } = await db().entities.certificate.get({ certificateId }).go({ consistent: true });
  return data ?? undefined;
}

export async function certificatesOf(userId: string): Promise<CertificateItem[]> {
  const { data } = await db().entities.certificate.query.byUser({ userId }).go({ pages: "all" });
  return data;
}

/** The public answer for a verification id: holder, course, dates and status; undefined when unknown. */
export async function verifyCertificate(certificateId: string, now: Date) {
  const certificate = await getCertificate(certificateId);
  if (!certificate) return undefined;
  const holder = await getUser(certificate.userId);
  return {
    number: certificate.number,
    holderName: holder && !holder.erasedAt ? `${holder.firstName} ${holder.lastName}` : "(name withheld)",
    courseTitle: certificate.courseTitle,
    issuedAt: certificate.issuedAt,
    expiresAt: certificate.expiresAt ?? null,
    status: certificateStatus(certificate, now),
    ...(certificate.revokedAt ? { revokedAt: certificate.revokedAt, revokedReason: certificate.revokedReason } : {}),
  };
}

export async function revokeCertificate(certificateId: string, reason: string, now: Date): Promise<CertificateItem> {
  const certificate = await getCertificate(certificateId);
  if (!certificate) throw notFound("learning.certificate_not_found", "No such certificate");
  if (certificate.revokedAt) return certificate;
  await db().entities.certificate.patch({ certificateId }).set({ revokedAt: now.toISOString(), revokedReason: reason }).go();
  return (await getCertificate(certificateId))!;
}

export function certificateView(c: CertificateItem, now: Date) {
  const { certificateId, number, enrollmentId, courseId, courseTitle, issuedAt, expiresAt, revokedAt, revokedReason } = c;
  return { certificateId, verificationId: certificateId, number, enrollmentId, courseId, courseTitle, issuedAt, expiresAt, revokedAt, revokedReason, status: certificateStatus(c, now) };
}
