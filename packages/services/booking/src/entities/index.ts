import { serviceDb } from "@mas/core/db/service";
import { BusinessSettingsItem } from "./business-settings";
import { Treatment } from "./treatment";
import { TreatmentSlug } from "./treatment-slug";
import { Appointment } from "./appointment";
import { Occupancy, SlotLock } from "./slot-lock";
import { WaitlistEntry } from "./waitlist-entry";
import { ClientProfile } from "./client-profile";
import { MedicalHistory } from "./medical-history";
import { TreatmentRecord } from "./treatment-record";
import { BatchUse } from "./batch-use";
import { PatchTest } from "./patch-test";
import { IdempotencyRecord } from "./idempotency-record";
import { TrainingBlock } from "./training-block";
import { Review } from "./review";
import { ClientNote } from "./client-note";
import { PublicMedia } from "./public-media";

/** booking's entities: the only items this service writes (with the kernel's outbox and audit log). */
export const bookingEntities = {
  businessSettings: BusinessSettingsItem,
  treatment: Treatment,
  treatmentSlug: TreatmentSlug,
  appointment: Appointment,
  slotLock: SlotLock,
  occupancy: Occupancy,
  waitlistEntry: WaitlistEntry,
  clientProfile: ClientProfile,
  medicalHistory: MedicalHistory,
  treatmentRecord: TreatmentRecord,
  batchUse: BatchUse,
  patchTest: PatchTest,
  clientNote: ClientNote,
  publicMedia: PublicMedia,
  idempotencyRecord: IdempotencyRecord,
  review: Review,
  trainingBlock: TrainingBlock,
};

/** The ElectroDB Service booking reads and writes through (one per table name; tests give each file its own). */
export const db = serviceDb(bookingEntities);
