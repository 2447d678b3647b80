import type { PersonalDataContributor } from "@mas/core/personal-data";
import { db } from "../entities";
import { appointmentsOfClient } from "./appointment-store";
import { appointmentView } from "./appointment-view";
import { medicalHistoryOf, profileOf } from "./client-records";
import { patchTestsOf, treatmentRecordsOf } from "./treatment-records";
import { notesOf } from "./client-notes";
import { waitlistOf, waitlistView } from "./waitlist";
import { reviewView } from "./review-rules";
import { reviewsOfClient } from "./reviews";

/**
 * Booking's contributions to a client's data export and erasure (accounts/gdpr.ts).
 * Imported for its side effect by the accounts service.
 *
 * Erasure removes the profile, every medical-history version, patch tests, the practitioner's notes, waitlist
 * entries, reviews (published or not: the author's words) and idempotency records outright. It keeps the facts others must still
 * reconcile, stripped of free text and health detail:
 * - appointments keep service, times, status and money (payments' six-year duty) but lose
 *   the client's note, cancellation reason, history notes and risk flags;
 * - treatment records keep product, batch and expiry (a manufacturer's safety recall must
 *   still reach the clinic's records) but lose notes, aftercare, face-map areas and photos.
 */
export const bookingPersonalData: PersonalDataContributor[] = [
  {
    name: "clientProfile",
    export: (userId) => profileOf(userId),
    erase: async (userId) => {
      await db().entities.clientProfile.delete({ clientId: userId }).go();
    },
  },
  {
    name: "medicalHistory",
    export: (userId) => medicalHistoryOf(userId),
    erase: async (userId) => {
      const versions = await medicalHistoryOf(userId);
      if (versions.length) await db().entities.medicalHistory.delete(versions.map(({ clientId, version }) => ({ clientId, version }))).go();
    },
  },
  {
    name: "patchTests",
    export: async (userId) => (await patchTestsOf(userId)).map(({ testedAt, result, product, notes }) => ({ testedAt, result, product, notes })),
    erase: async (userId) => {
      const tests = await patchTestsOf(userId);
      if (tests.length) await db().entities.patchTest.delete(tests.map(({ clientId, testedAt, patchTestId }) => ({ clientId, testedAt, patchTestId }))).go();
    },
  },
  {
    name: "clientNotes",
    export: async (userId) => (await notesOf(userId)).map(({ writtenAt, body }) => ({ writtenAt, body })),
    erase: async (userId) => {
      const notes = await notesOf(userId);
      if (notes.length) await db().entities.clientNote.delete(notes.map(({ clientId, writtenAt, noteId }) => ({ clientId, writtenAt, noteId }))).go();
    },
  },
  {
    name: "treatmentRecords",
    export: (userId) => treatmentRecordsOf(userId),
    erase: async (userId) => {
      for (const record of await treatmentRecordsOf(userId)) {
        await db()
          .entities.treatmentRecord.patch({ clientId: userId, performedAt: record.performedAt, treatmentId: record.treatmentId })
          .set({ notes: "", aftercare: "", areas: [], photoFileIds: [] })
          .go();
      }
    },
  },
  {
    name: "appointments",
    export: async (userId) => (await appointmentsOfClient(userId)).map(appointmentView),
    erase: async (userId) => {
      for (const a of await appointmentsOfClient(userId)) {
        const history = (a.history ?? []).map(({ status, at, by }) => ({ status, at, by }));
        const update = db().entities.appointment.patch({ appointmentId: a.appointmentId }).set({ history, riskFlags: [] });
        const cancellation = a.cancellation ? { ...a.cancellation, reason: undefined } : undefined;
        await (cancellation ? update.set({ cancellation: JSON.parse(JSON.stringify(cancellation)) }) : update).remove(["clientNote"]).go();
      }
    },
  },
  {
    name: "waitlist",
    export: async (userId) => (await waitlistOf(userId)).map(waitlistView),
    erase: async (userId) => {
      const entries = await waitlistOf(userId);
      if (entries.length) await db().entities.waitlistEntry.delete(entries.map(({ waitlistId }) => ({ waitlistId }))).go();
      const { data: records } = await db().entities.idempotencyRecord.query.byKey({ scope: userId }).go({ pages: "all" });
      if (records.length) await db().entities.idempotencyRecord.delete(records.map(({ scope, key }) => ({ scope, key }))).go();
    },
  },
  {
    name: "reviews",
    export: async (userId) => (await reviewsOfClient(userId)).map(reviewView),
    erase: async (userId) => {
      const reviews = await reviewsOfClient(userId);
      if (reviews.length) await db().entities.review.delete(reviews.map(({ appointmentId }) => ({ appointmentId }))).go();
    },
  },
];
