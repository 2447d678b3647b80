import { describe, expect, it } from "vitest";
import { paymentRow } from "./payments";

const appointment = (status: string) => ({ status, start: "2026-12-10T10:15:00+00:00", service: { name: "Cheek filler" } }) as never;
const receipt = (over: Partial<Parameters<typeof paymentRow>[0]> = {}) => ({ kind: "deposit", subjectId: "a1", description: "Appointment deposit", status: "succeeded", ...over }) as Parameters<typeof paymentRow>[0];

describe("paymentRow", () => {
  it("names the treatment and the appointment's time", () => {
    const row = paymentRow(receipt(), new Map([["a1", appointment("confirmed")]]));
    expect(row).toEqual({ what: "Deposit · Cheek filler", appointmentAt: "2026-12-10T10:15:00+00:00", status: { label: "Paid", tone: "ok" } });
  });

  it("keeps the payment's own description when the appointment is unknown", () => {
    expect(paymentRow(receipt({ status: "requires_payment" }), new Map())).toMatchObject({ what: "Appointment deposit", appointmentAt: undefined, status: { label: "Not paid" } });
  });

  it.each([
    ["expired", "Hold expired — not needed"],
    ["cancelled", "Not needed — cancelled"],
    ["confirmed", "Not needed"],
  ])("an unpaid deposit whose appointment is %s reads %j", (status, label) => {
    expect(paymentRow(receipt({ status: "requires_payment" }), new Map([["a1", appointment(status)]])).status).toEqual({ label, tone: "off" });
  });

  it("an unpaid deposit still awaited reads Not paid", () => {
    expect(paymentRow(receipt({ status: "requires_payment" }), new Map([["a1", appointment("pending_deposit")]])).status.label).toBe("Not paid");
  });

  it("a course fee is never matched to an appointment", () => {
    expect(paymentRow(receipt({ kind: "course_fee", description: "Course fee" }), new Map([["a1", appointment("confirmed")]])).what).toBe("Course fee");
  });
});
