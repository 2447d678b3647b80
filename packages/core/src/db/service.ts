import { Service } from "electrodb";
import { dynamo, tableName } from "./table";
import { Probe } from "./entities/probe";
import { BusinessSettingsItem } from "./entities/business-settings";
import { Treatment } from "./entities/treatment";
import { TreatmentSlug } from "./entities/treatment-slug";
import { Appointment } from "./entities/appointment";
import { SlotLock } from "./entities/slot-lock";
import { WaitlistEntry } from "./entities/waitlist-entry";
import { ClientProfile } from "./entities/client-profile";
import { MedicalHistory } from "./entities/medical-history";
import { TreatmentRecord } from "./entities/treatment-record";
import { BatchUse } from "./entities/batch-use";
import { PatchTest } from "./entities/patch-test";
import { IdempotencyRecord } from "./entities/idempotency-record";
import { User } from "./entities/user";
import { EmailClaim } from "./entities/email-claim";
import { Session } from "./entities/session";
import { PasswordReset } from "./entities/password-reset";
import { AuditLog } from "./entities/audit-log";
import { RateLimit } from "./entities/rate-limit";
import { MessageTemplate } from "./entities/message-template";
import { Message } from "./entities/message";
import { AppointmentReminders } from "./entities/appointment-reminders";
import { CourseReminders } from "./entities/course-reminders";
import { Campaign } from "./entities/campaign";
import { CampaignRecipient } from "./entities/campaign-recipient";
import { Unsubscribe } from "./entities/unsubscribe";
import { Payment } from "./entities/payment";
import { StripeEvent } from "./entities/stripe-event";
import { StripeCustomer } from "./entities/stripe-customer";
import { Refund } from "./entities/refund";

const entities = {
  probe: Probe,
  // booking
  businessSettings: BusinessSettingsItem,
  treatment: Treatment,
  treatmentSlug: TreatmentSlug,
  appointment: Appointment,
  slotLock: SlotLock,
  waitlistEntry: WaitlistEntry,
  clientProfile: ClientProfile,
  medicalHistory: MedicalHistory,
  treatmentRecord: TreatmentRecord,
  batchUse: BatchUse,
  patchTest: PatchTest,
  idempotencyRecord: IdempotencyRecord,
  // accounts
  user: User,
  emailClaim: EmailClaim,
  session: Session,
  passwordReset: PasswordReset,
  auditLog: AuditLog,
  rateLimit: RateLimit,
  // messaging
  messageTemplate: MessageTemplate,
  message: Message,
  appointmentReminders: AppointmentReminders,
  courseReminders: CourseReminders,
  campaign: Campaign,
  campaignRecipient: CampaignRecipient,
  unsubscribe: Unsubscribe,
  // payments
  payment: Payment,
  stripeEvent: StripeEvent,
  stripeCustomer: StripeCustomer,
  refund: Refund,
};

function createService(table: string) {
  return new Service(entities, { client: dynamo(), table });
}

let cached: { table: string; service: ReturnType<typeof createService> } | undefined;

/**
 * The one ElectroDB Service over the single table. Entities register in `entities` as
 * their services land. Built once per table name (tests give each file its own table).
 */
export function db() {
  const table = tableName();
  if (cached?.table !== table) cached = { table, service: createService(table) };
  return cached.service;
}
