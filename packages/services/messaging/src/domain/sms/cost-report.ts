/**
 * The owner's monthly text report: how many texts went, how many segments they took and
 * what they cost (whole pence, as recorded when each was sent), per kind of text, with the
 * ones that did not go. A text is charged once it is handed to AWS, whether or not the
 * handset then confirms delivery, so `sent` texts count toward the cost and the delivery
 * outcome is reported beside it. Texts belong to the month their history item was created
 * in (the owner's timeline, `byMonth`).
 */
export interface TextRecord {
  channel: "email" | "sms";
  template: string;
  status: "queued" | "sent" | "failed" | "suppressed" | "deferred";
  segments?: number | null;
  costInPence?: number | null;
  deliveryStatus?: "delivered" | "failed" | null;
}

export interface KindLine {
  /** The text's kind (`appointment.reminder`), without the history's `sms.` prefix. */
  kind: string;
  sent: number;
  segments: number;
  costInPence: number;
}

export interface TextCostReport {
  month: string;
  sent: number;
  segments: number;
  costInPence: number;
  delivered: number;
  undelivered: number;
  /** Held back (no consent, STOP, over the segment cap) or refused: never charged. */
  notSent: number;
  /** Marketing texts waiting for 09:00, or claims still at work. */
  waiting: number;
  /** Most expensive first, then by name. */
  byKind: KindLine[];
}

export function textCostReport(month: string, messages: readonly TextRecord[]): TextCostReport {
  const report: TextCostReport = { month, sent: 0, segments: 0, costInPence: 0, delivered: 0, undelivered: 0, notSent: 0, waiting: 0, byKind: [] };
  const kinds = new Map<string, KindLine>();
  for (const message of messages) {
    if (message.channel !== "sms") continue;
    if (message.status === "suppressed" || message.status === "failed") report.notSent += 1;
    if (message.status === "deferred" || message.status === "queued") report.waiting += 1;
    if (message.status !== "sent") continue;
    const kind = message.template.replace(/^sms\./, "");
    const line = kinds.get(kind) ?? { kind, sent: 0, segments: 0, costInPence: 0 };
    const segments = message.segments ?? 0;
    const cost = message.costInPence ?? 0;
    line.sent += 1;
    line.segments += segments;
    line.costInPence += cost;
    kinds.set(kind, line);
    report.sent += 1;
    report.segments += segments;
    report.costInPence += cost;
    if (message.deliveryStatus === "delivered") report.delivered += 1;
    if (message.deliveryStatus === "failed") report.undelivered += 1;
  }
  report.byKind = [...kinds.values()].sort((a, b) => b.costInPence - a.costInPence || a.kind.localeCompare(b.kind));
  return report;
}
