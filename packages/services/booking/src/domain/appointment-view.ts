import type { EventData } from "@mas/core/events/catalogue";
import { toIsoWithOffset } from "@mas/core/shared/time";
import type { AppointmentItem } from "./appointment-store";

/** What the API shows of an appointment: times in Europe/London with their offset. */
export interface AppointmentView {
  appointmentId: string;
  clientId: string;
  service: { id: string; slug: string; name: string; category: string };
  start: string;
  end: string;
  status: AppointmentItem["status"];
  priceInPence: number;
  depositInPence: number;
  depositPaidInPence: number;
  holdExpiresAt: string | null;
  needsReview: boolean;
  riskFlags: string[];
  note: string | null;
  cancellation: AppointmentItem["cancellation"] | null;
  /** The cancellation terms shown at booking (null on bookings made before they were kept). */
  cancellationTerms: AppointmentItem["cancellationTerms"] | null;
  /** A patch test or consultation booked for it but not yet done. */
  awaiting: string[];
  history: NonNullable<AppointmentItem["history"]>;
  /** The consent form: `missing` until documents announced one. */
  consent: { status: "missing" } | { status: "awaiting_signature" | "expired" | "signed"; documentId: string; at: string };
  arrivedAt: string | null;
  depositWaived: boolean;
  createdAt: string;
}

const london = (iso: string) => toIsoWithOffset(new Date(iso));

export function appointmentView(a: AppointmentItem): AppointmentView {
  return {
    appointmentId: a.appointmentId,
    clientId: a.clientId,
    service: { id: a.serviceId, slug: a.serviceSlug, name: a.serviceName, category: a.category },
    start: london(a.start),
    end: london(a.end),
    status: a.status,
    priceInPence: a.priceInPence,
    depositInPence: a.depositInPence,
    depositPaidInPence: a.depositPaidInPence ?? 0,
    holdExpiresAt: a.holdExpiresAt ? london(a.holdExpiresAt) : null,
    needsReview: a.needsReview ?? false,
    riskFlags: a.riskFlags ?? [],
    note: a.clientNote ?? null,
    cancellation: a.cancellation ?? null,
    cancellationTerms: a.cancellationTerms ?? null,
    awaiting: a.awaiting ?? [],
    history: a.history ?? [],
    consent: a.consent ? { status: a.consent.status, documentId: a.consent.documentId, at: a.consent.at } : { status: "missing" },
    arrivedAt: a.arrivedAt ? london(a.arrivedAt) : null,
    depositWaived: a.depositWaived ?? false,
    createdAt: a.createdAt,
  };
}

/** The facts every `appointment.*` event carries (messaging and payments read these). */
export function appointmentEventData(a: AppointmentItem): EventData<"appointment.confirmed"> {
  return {
    appointmentId: a.appointmentId,
    clientId: a.clientId,
    serviceId: a.serviceId,
    serviceSlug: a.serviceSlug,
    serviceName: a.serviceName,
    category: a.category,
    start: london(a.start),
    end: london(a.end),
    priceInPence: a.priceInPence,
    depositInPence: a.depositInPence,
  };
}
