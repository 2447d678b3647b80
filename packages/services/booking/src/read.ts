/**
 * What other services may read of booking's data (never write): appointments, a client's
 * contact preferences, and the calendar invite (booking owns the diary, so the .ics that
 * messaging attaches and the one the portal downloads are the same file).
 */
export { findAppointment, appointmentsOfClient, type AppointmentItem } from "./domain/appointment-store";
export { profileOf, type ClientProfileView } from "./domain/client-records";
export { treatmentRecordsOf } from "./domain/treatment-records";
export { appointmentInvite } from "./domain/calendar-invite";
/** The clinic's name, address, phone and email as the owner last saved them (mails, invites). */
export { clinicDetails, loadBusinessProfile, type BusinessProfile } from "./domain/business-profile";
export type { AppointmentStatus } from "./entities/appointment";
/** How the owner wants to hear of new bookings, cancellations and bookings to review (messaging sends them). */
export { loadOwnerAlerts, type OwnerAlert, type StoredOwnerAlerts } from "./domain/owner-alerts";

import { exportOf } from "@mas/core/personal-data";
import { bookingPersonalData } from "./domain/personal-data";

/** A user's part of their data export (erasure is booking's own, on `user.erased`). */
export const personalDataOf = (userId: string) => exportOf(bookingPersonalData, userId);
