import type { EventAttributes } from "ics";
import type { PracticeDetails } from "@mas/core/practice";
import { siteLinks } from "@mas/core/links";

/**
 * The calendar invite attached to booking mail. The UID is the appointment's, so a moved
 * or cancelled appointment updates the entry the client already has instead of adding one
 * (`sequence` orders the versions).
 *
 * `ics` (with its validator, yup: ~80 KB) is imported on the first invite, not when this
 * module loads: every service that reads bookings through ../read.ts would otherwise parse
 * it on each cold start.
 */
export async function appointmentInvite(input: {
  appointmentId: string;
  serviceName: string;
  start: string;
  end: string;
  practice: PracticeDetails;
  /** When this version was issued (DTSTAMP); also orders versions. */
  issuedAt: Date;
  cancelled?: boolean;
}): Promise<string> {
  const { practice } = input;
  const host = new URL(practice.siteUrl).hostname;
  const attributes: EventAttributes & { timestamp: number } = {
    uid: `appointment-${input.appointmentId}@${host}`,
    productId: `-//${practice.name}//Bookings//EN`,
    method: input.cancelled ? "CANCEL" : "PUBLISH",
    status: input.cancelled ? "CANCELLED" : "CONFIRMED",
    sequence: Math.floor(input.issuedAt.getTime() / 1000),
    timestamp: input.issuedAt.getTime(),
    start: new Date(input.start).getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: new Date(input.end).getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: `${input.serviceName} at ${practice.name}`,
    location: practice.address,
    url: siteLinks(practice.siteUrl).appointments(),
    organizer: { name: practice.name, email: practice.email },
    busyStatus: "BUSY",
  };
  const { createEvent } = await import("ics");
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error("Could not build the calendar invite");
  return value;
}
