import type { EntityItem } from "electrodb";
import * as z from "zod";
import { db } from "../entities";
import type { ClientProfile } from "../entities/client-profile";
import type { MedicalHistory } from "../entities/medical-history";
import { isConditionFailure } from "@mas/core/db/conditions";
import { cancellationCodes } from "@mas/core/db/transactions";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { MedicalAnswers, riskFlagsFrom } from "./eligibility";

/**
 * A client's own records: profile (address, emergency contact, GP, consents) and the
 * versioned medical history. Treatments and patch tests are in treatment-records.ts.
 */
const text = (max: number) => z.string().trim().max(max);
const ukPostcode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, "Enter a UK postcode, e.g. SW1A 1AA");

export const ProfileInput = z.object({
  address: z.object({ line1: text(120).min(1), line2: text(120).optional(), town: text(80).min(1), postcode: ukPostcode }).optional(),
  emergencyContact: z.object({ name: text(120).min(1), phone: text(30).min(5), relationship: text(60).optional() }).optional(),
  gp: z.object({ name: text(120).optional(), practice: text(160).min(1), address: text(300).optional(), phone: text(30).optional() }).optional(),
  /** Each consent is granted (true) or withdrawn (false); the time of the change is kept. */
  consents: z
    .object({
      marketingEmail: z.boolean().optional(),
      sms: z.boolean().optional(),
      marketingSms: z.boolean().optional(),
      photo: z.boolean().optional(),
      smsTwoHour: z.boolean().optional(),
    })
    .optional(),
});
export type ProfileInput = z.infer<typeof ProfileInput>;

type ProfileItem = EntityItem<typeof ClientProfile>;
type Consent = { granted: boolean; at: string };
/**
 * `sms`: appointment texts (confirmations, the reminder the day before); `smsTwoHour`: also
 * the "see you today" text 2 hours before, a separate choice that only counts while `sms`
 * is on; `marketingSms`: offers by text.
 */
export const CONSENTS = ["marketingEmail", "sms", "marketingSms", "photo", "smsTwoHour"] as const;

export interface ClientProfileView {
  clientId: string;
  address: ProfileItem["address"] | null;
  emergencyContact: ProfileItem["emergencyContact"] | null;
  gp: ProfileItem["gp"] | null;
  consents: Record<(typeof CONSENTS)[number], Consent | null>;
  updatedAt: string | null;
}

export async function profileOf(clientId: string): Promise<ClientProfileView> {
  const { data } = await db().entities.clientProfile.get({ clientId }).go({ consistent: true });
  return profileView(clientId, data ?? undefined);
}

/** Replaces the given sections; a consent's `at` moves only when its value changes. */
export async function saveProfile(clientId: string, input: ProfileInput, now: Date): Promise<ClientProfileView> {
  const changes = ProfileInput.parse(input);
  const { data: current } = await db().entities.clientProfile.get({ clientId }).go({ consistent: true });
  const consents: Partial<Record<(typeof CONSENTS)[number], Consent>> = { ...(current?.consents ?? {}) };
  for (const name of CONSENTS) {
    const wanted = changes.consents?.[name];
    if (wanted !== undefined && consents[name]?.granted !== wanted) consents[name] = { granted: wanted, at: now.toISOString() };
  }
  const next: ProfileItem = {
    ...(current ?? {}),
    clientId,
    ...(changes.address ? { address: changes.address } : {}),
    ...(changes.emergencyContact ? { emergencyContact: changes.emergencyContact } : {}),
    ...(changes.gp ? { gp: changes.gp } : {}),
    consents,
    updatedAt: now.toISOString(),
  };
  const view = profileView(clientId, next);
  const consentsChanged = CONSENTS.some((name) => current?.consents?.[name]?.granted !== consents[name]?.granted || current?.consents?.[name]?.at !== consents[name]?.at);
  if (!consentsChanged) {
    await db().entities.clientProfile.put(next).go();
    return view;
  }
  // Messaging keeps its marketing audience from this event: written with the profile (outbox), never lost.
  const announcement = stageEvent(
    Events.ClientConsentsChanged,
    { clientId, consents: { marketingEmail: view.consents.marketingEmail, sms: view.consents.sms, marketingSms: view.consents.marketingSms } },
    { occurredAt: now },
  );
  const result = await db()
    .transaction.write(({ clientProfile, outboxEvent }) => [clientProfile.put(next).commit(), outboxEvent.put(announcement.item).commit()])
    .go();
  if (result.canceled) throw new Error(`Profile of ${clientId} not saved: ${cancellationCodes(result)}`);
  await publishStaged([announcement]);
  return view;
}

function profileView(clientId: string, item: ProfileItem | undefined): ClientProfileView {
  return {
    clientId,
    address: item?.address ?? null,
    emergencyContact: item?.emergencyContact ?? null,
    gp: item?.gp ?? null,
    consents: Object.fromEntries(CONSENTS.map((name) => [name, item?.consents?.[name] ?? null])) as ClientProfileView["consents"],
    updatedAt: item?.updatedAt ?? null,
  };
}

export const MedicalInput = z.object({
  answers: MedicalAnswers,
  medications: text(2000).default(""),
  allergies: text(2000).default(""),
  conditions: text(2000).default(""),
  previousTreatments: text(2000).default(""),
});
export type MedicalInput = z.input<typeof MedicalInput>;

type MedicalItem = EntityItem<typeof MedicalHistory>;
export type MedicalVersion = Omit<MedicalItem, "answers"> & { answers: MedicalAnswers };

/** Every version, newest first. */
export async function medicalHistoryOf(clientId: string): Promise<MedicalVersion[]> {
  const { data } = await db().entities.medicalHistory.query.byClient({ clientId }).go({ order: "desc", pages: "all" });
  return data as MedicalVersion[];
}

export async function latestMedicalHistory(clientId: string): Promise<MedicalVersion | undefined> {
  const { data } = await db().entities.medicalHistory.query.byClient({ clientId }).go({ order: "desc", limit: 1 });
  return data[0] as MedicalVersion | undefined;
}

/**
 * Records a new version (never overwrites): version n+1 is created with
 * `attribute_not_exists`, so two concurrent saves cannot both become version n+1 — the
 * later one retries on top of the earlier.
 */
export async function recordMedicalHistory(clientId: string, input: MedicalInput, by: string, now: Date): Promise<MedicalVersion> {
  const parsed = MedicalInput.parse(input);
  for (let attempt = 0; ; attempt++) {
    const version = ((await latestMedicalHistory(clientId))?.version ?? 0) + 1;
    const item = { clientId, version, ...parsed, riskFlags: riskFlagsFrom(parsed.answers, now), recordedAt: now.toISOString(), recordedBy: by };
    try {
      await db().entities.medicalHistory.create(item).go();
      return item;
    } catch (error) {
      if (attempt >= 3 || !isConditionFailure(error)) throw error;
    }
  }
}

