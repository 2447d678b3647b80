import { serviceDb } from "@mas/core/db/service";
import { MessageTemplate } from "./message-template";
import { Message } from "./message";
import { AppointmentReminders } from "./appointment-reminders";
import { CourseReminders } from "./course-reminders";
import { Campaign } from "./campaign";
import { CampaignRecipient } from "./campaign-recipient";
import { Unsubscribe } from "./unsubscribe";
import { SmsNumber } from "./sms-number";
import { MarketingAudience } from "./marketing-audience";

/** messaging's entities: the only items this service writes (with the kernel's outbox and audit log). */
export const messagingEntities = {
  messageTemplate: MessageTemplate,
  message: Message,
  appointmentReminders: AppointmentReminders,
  courseReminders: CourseReminders,
  campaign: Campaign,
  campaignRecipient: CampaignRecipient,
  unsubscribe: Unsubscribe,
  smsNumber: SmsNumber,
  marketingAudience: MarketingAudience,
};

/** The ElectroDB Service messaging reads and writes through (one per table name; tests give each file its own). */
export const db = serviceDb(messagingEntities);
