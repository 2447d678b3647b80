import * as z from "zod";

export const SERVICES = ["accounts", "booking", "learning", "payments", "documents", "messaging"] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Where an event can come from: a service, or the scheduler firing a reminder. */
export type Publisher = ServiceName | "scheduler" | "system";

export interface EventDefinition<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
  name: Name;
  publisher: Publisher;
  /** EventBridge `source` field: `mas.<publisher>`. */
  source: string;
  schema: Schema;
  version: number;
}

export function defineEvent<Name extends string, Schema extends z.ZodType>(
  name: Name,
  publisher: Publisher,
  schema: Schema,
  version = 1,
): EventDefinition<Name, Schema> {
  return { name, publisher, source: `mas.${publisher}`, schema, version };
}

/** The JSON carried in EventBridge's `detail` for every event of ours. */
export const envelopeSchema = z.object({
  id: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  version: z.number().int().positive(),
  data: z.unknown(),
});
export type Envelope<T = unknown> = Omit<z.infer<typeof envelopeSchema>, "data"> & { data: T };

/** The shape EventBridge hands to a Lambda target (and the local bus to a handler). */
export interface BusEvent {
  version: string;
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}
