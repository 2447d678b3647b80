import { describe, expect, it } from "vitest";
import { textCostReport, type TextRecord } from "./cost-report";

const sent = (template: string, segments: number, deliveryStatus?: "delivered" | "failed"): TextRecord => ({ channel: "sms", template: `sms.${template}`, status: "sent", segments, costInPence: 4 * segments, deliveryStatus });

describe("textCostReport", () => {
  it("an empty month is all zeros", () => {
    expect(textCostReport("2026-06", [])).toEqual({ month: "2026-06", sent: 0, segments: 0, costInPence: 0, delivered: 0, undelivered: 0, notSent: 0, waiting: 0, byKind: [] });
  });

  it("adds what went by kind, most expensive first; mail, held-back and waiting texts cost nothing", () => {
    const report = textCostReport("2026-06", [
      sent("appointment.reminder", 1, "delivered"),
      sent("appointment.reminder", 1, "delivered"),
      sent("appointment.confirmation", 2, "failed"), // charged: it reached AWS
      sent("appointment.confirmation", 1),
      sent("deposit.nudge", 3),
      { channel: "sms", template: "sms.appointment.rebook", status: "suppressed", segments: 1, costInPence: 4 }, // STOP: counted, never charged
      { channel: "sms", template: "sms.appointment.rebook", status: "failed" },
      { channel: "sms", template: "sms.appointment.rebook", status: "deferred" },
      { channel: "email", template: "appointment.reminder", status: "sent" },
    ]);
    expect(report).toEqual({
      month: "2026-06",
      sent: 5,
      segments: 8,
      costInPence: 32,
      delivered: 2,
      undelivered: 1,
      notSent: 2,
      waiting: 1,
      byKind: [
        { kind: "appointment.confirmation", sent: 2, segments: 3, costInPence: 12 },
        { kind: "deposit.nudge", sent: 1, segments: 3, costInPence: 12 },
        { kind: "appointment.reminder", sent: 2, segments: 2, costInPence: 8 },
      ],
    });
  });

  it("a sent text without recorded segments (an old item) counts as a text at no cost", () => {
    expect(textCostReport("2026-06", [{ channel: "sms", template: "sms.waitlist.offer", status: "sent" }])).toMatchObject({ sent: 1, segments: 0, costInPence: 0, byKind: [{ kind: "waitlist.offer", sent: 1, segments: 0, costInPence: 0 }] });
  });
});
