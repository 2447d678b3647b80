/**
 * Who may call each route: the expectations of the generated RBAC matrix
 * (rbac-matrix.test.ts). One line per route, keyed `METHOD /api/<service>/path`; a route
 * without a line fails the suite, with the line to add in the failure message.
 *
 * Presets (outcome per caller; "allow" = past authorisation: any 2xx-4xx but 401/403,
 * including 404 for an id that is not there and 400 for the empty body the matrix sends):
 *   public    — everyone allowed
 *   signedIn  — anonymous 401, everyone signed in allowed
 *   owner     — anonymous 401, clients and students 403, the owner allowed
 *   own       — a route on client A's object (FIXTURE_ROUTES): anonymous 401, A and the
 *               owner allowed, client B and the student 404 (as for a missing id, so ids
 *               cannot be probed)
 * or an explicit outcome per caller for anything else.
 */
export const WHO = ["anonymous", "clientA", "clientB", "student", "owner"] as const;
export type Who = (typeof WHO)[number];
export type Outcome = "allow" | "401" | "403" | "404";
export type Access = "public" | "signedIn" | "owner" | "own" | Record<Who, Outcome>;

export function outcomeOf(status: number): Outcome {
  if (status === 401) return "401";
  if (status === 403) return "403";
  if (status === 404) return "404";
  return "allow";
}

/** "allow" is met by a 404 too (an id that is not there is past authorisation). */
export function meets(want: Outcome, got: Outcome): boolean {
  return want === got || (want === "allow" && got === "404");
}

export function expected(access: Access): Record<Who, Outcome> {
  switch (access) {
    case "public":
      return { anonymous: "allow", clientA: "allow", clientB: "allow", student: "allow", owner: "allow" };
    case "signedIn":
      return { anonymous: "401", clientA: "allow", clientB: "allow", student: "allow", owner: "allow" };
    case "owner":
      return { anonymous: "401", clientA: "403", clientB: "403", student: "403", owner: "allow" };
    case "own":
      return { anonymous: "401", clientA: "allow", clientB: "404", student: "404", owner: "allow" };
    default:
      return access;
  }
}

/** Routes whose first path parameter is one of client A's objects (seeded), by kind. */
export const FIXTURE_ROUTES: [RegExp, "appointment" | "document" | "payment"][] = [
  [/ \/api\/booking\/appointments\/:id/, "appointment"],
  [/ \/api\/documents\/documents\/:documentId/, "document"],
  [/ \/api\/payments\/me\/payments\/:paymentId/, "payment"],
];

export const ACCESS: Record<string, Access> = {
  "DELETE /api/accounts/me": "signedIn",
  "DELETE /api/booking/admin/blocks/:blockId": "owner",
  "DELETE /api/booking/admin/services/:id": "owner",
  "DELETE /api/booking/waitlist/:id": "signedIn",
  "DELETE /api/learning/admin/courses/:courseId/banks/:bankId/questions/:questionId": "owner",
  "DELETE /api/learning/admin/courses/:courseId/lessons/:lessonId": "owner",
  "DELETE /api/learning/admin/courses/:courseId/lessons/:lessonId/captions": "owner",
  "DELETE /api/learning/admin/courses/:courseId/modules/:moduleId": "owner",
  "DELETE /api/messaging/admin/templates/:key": "owner",
  "GET /api/accounts/admin/audit": "owner",
  "GET /api/accounts/admin/users": "owner",
  "GET /api/accounts/health": "public",
  "GET /api/accounts/me": "signedIn",
  "GET /api/accounts/me/export": "signedIn",
  "GET /api/booking/admin/availability": "owner",
  "GET /api/booking/admin/business": "owner",
  "GET /api/booking/admin/owner-alerts": "owner",
  "GET /api/booking/admin/calendar": "owner",
  "GET /api/booking/admin/clients": "owner",
  "GET /api/booking/admin/clients/:id": "owner",
  "GET /api/booking/admin/dashboard": "owner",
  "GET /api/booking/admin/diary": "owner",
  "GET /api/booking/admin/recalls": "owner",
  "GET /api/booking/admin/reviews": "owner",
  "GET /api/booking/admin/services": "owner",
  "GET /api/booking/admin/services/:id": "owner",
  "GET /api/booking/admin/settings": "owner",
  "GET /api/booking/appointments/:id": "own",
  "GET /api/booking/appointments/:id/calendar.ics": "own",
  "GET /api/booking/appointments/:id/cancellation": "own",
  "GET /api/booking/appointments/:id/review": "own",
  "GET /api/booking/appointments/mine": "signedIn",
  "GET /api/booking/availability": "public",
  "GET /api/booking/business": "public",
  "GET /api/booking/media/:name": "public",
  "GET /api/booking/health": "public",
  "GET /api/booking/me/medical": "signedIn",
  "GET /api/booking/me/readiness": "signedIn",
  "GET /api/booking/me/medical/status": "signedIn",
  "GET /api/booking/me/profile": "signedIn",
  "GET /api/booking/me/treatments": "signedIn",
  "GET /api/booking/reviews/published": "public",
  "GET /api/booking/services": "public",
  "GET /api/booking/services/:slug": "public",
  "GET /api/booking/booking-terms": "public",
  "GET /api/booking/settings/public": "public",
  "GET /api/booking/waitlist/:id": "signedIn",
  "GET /api/booking/waitlist/mine": "signedIn",
  "GET /api/documents/admin/documents": "owner",
  "GET /api/documents/admin/entry-proofs/:fileId/download": "owner",
  "GET /api/documents/admin/photos": "owner",
  "GET /api/documents/admin/photos/:fileId/download": "owner",
  "GET /api/documents/admin/templates": "owner",
  "GET /api/documents/admin/templates/:templateId": "owner",
  "GET /api/documents/admin/templates/:templateId/preview": "owner",
  "GET /api/documents/documents/:documentId": "own",
  "GET /api/documents/documents/:documentId/download": "own",
  "GET /api/documents/documents/:documentId/verify": "own",
  "GET /api/documents/health": "public",
  "GET /api/documents/me/documents": "signedIn",
  "GET /api/learning/admin/courses": "owner",
  "GET /api/learning/admin/courses/:courseId": "owner",
  "GET /api/learning/admin/courses/:courseId/assessments": "owner",
  "GET /api/learning/admin/courses/:courseId/banks": "owner",
  "GET /api/learning/admin/courses/:courseId/enrollments": "owner",
  "GET /api/learning/admin/courses/:courseId/report": "owner",
  "GET /api/learning/admin/enrollments/:id/attempts": "owner",
  "GET /api/learning/admin/reports/courses": "owner",
  "GET /api/learning/attempts/:id": "signedIn",
  "GET /api/learning/certificates/:id": "public",
  "GET /api/learning/courses": "public",
  "GET /api/learning/courses/:slug": "public",
  "GET /api/learning/courses/:slug/lessons/:lessonId": "public",  // free preview lessons of a published course
  "GET /api/learning/courses/:slug/lessons/:lessonId/captions": "public",  // a free preview video's captions
  "GET /api/learning/enrollments/:id": "signedIn",
  "GET /api/learning/enrollments/:id/assessments": "signedIn",
  "GET /api/learning/enrollments/:id/lessons/:lessonId": "signedIn",
  "GET /api/learning/enrollments/:id/lessons/:lessonId/captions": "signedIn",
  "GET /api/learning/health": "public",
  "GET /api/learning/me/certificates": "signedIn",
  "GET /api/learning/me/enrollments": "signedIn",
  "GET /api/messaging/admin/campaigns": "owner",
  "GET /api/messaging/admin/campaigns/:id": "owner",
  "GET /api/messaging/admin/messages": "owner",
  "GET /api/messaging/admin/sms/report": "owner",
  "GET /api/messaging/admin/templates": "owner",
  "GET /api/messaging/admin/templates/:key": "owner",
  "GET /api/messaging/health": "public",
  "GET /api/messaging/me/messages": "signedIn",
  "GET /api/messaging/unsubscribe": "public",
  "GET /api/payments/admin/payments": "owner",
  "GET /api/payments/admin/payments/:paymentId": "owner",
  "GET /api/payments/admin/payments/export.csv": "owner",
  "GET /api/payments/admin/payments/summary": "owner",
  "GET /api/payments/admin/payments/takings": "owner",
  "GET /api/payments/admin/users/:userId/payments": "owner",
  "GET /api/payments/health": "public",
  "GET /api/payments/me/payments": "signedIn",
  "GET /api/payments/me/payments/:paymentId": "own",
  "PATCH /api/accounts/admin/users/:id/roles": "owner",
  "PATCH /api/accounts/me": "signedIn",
  "PATCH /api/booking/admin/services/:id": "owner",
  "PATCH /api/learning/admin/cohorts/:id": "owner",
  "PATCH /api/learning/admin/courses/:courseId": "owner",
  "PATCH /api/learning/admin/courses/:courseId/lessons/:lessonId": "owner",
  "PATCH /api/learning/admin/courses/:courseId/modules/:moduleId": "owner",
  "POST /api/accounts/admin/clients": "owner",
  "POST /api/accounts/login": "public",
  "POST /api/accounts/logout": "public",  // signing out without a session is a harmless 204
  "POST /api/accounts/password/change": "signedIn",
  "POST /api/accounts/password/forgot": "public",
  "POST /api/accounts/password/reset": "public",
  "POST /api/accounts/register": "public",
  "POST /api/booking/admin/appointments": "owner",
  "POST /api/booking/admin/appointments/:id/:action": "owner",
  "POST /api/booking/admin/appointments/:id/arrived": "owner",
  "POST /api/booking/admin/appointments/:id/cancel": "owner",
  "POST /api/booking/admin/appointments/:id/complete": "owner",
  "POST /api/booking/admin/appointments/:id/move": "owner",
  "POST /api/booking/admin/appointments/:id/waive-deposit": "owner",
  "POST /api/booking/admin/blocks": "owner",
  "POST /api/booking/admin/clients/:id/patch-tests": "owner",
  "POST /api/booking/admin/clients/:id/notes": "owner",
  "POST /api/booking/admin/media": "owner",
  "POST /api/booking/admin/media/:mediaId/confirm": "owner",
  "POST /api/booking/admin/clients/:id/treatments": "owner",
  "POST /api/booking/admin/reviews/:id/:action": "owner",
  "POST /api/booking/admin/services": "owner",
  "POST /api/booking/appointments": "signedIn",
  "POST /api/booking/appointments/:id/cancel": "own",
  "POST /api/booking/appointments/:id/reschedule": "signedIn",  // the empty body is refused (400) before the appointment is looked up; B on A's appointment is 404 in booking's route tests
  "POST /api/booking/appointments/:id/review": "signedIn",  // as reschedule: validation (400) runs before the ownership check
  "POST /api/booking/me/medical": "signedIn",
  "POST /api/booking/waitlist": "signedIn",
  "POST /api/booking/waitlist/:id/accept": "signedIn",
  "POST /api/documents/admin/photos": "owner",
  "POST /api/documents/admin/photos/:fileId/confirm": "owner",
  "POST /api/documents/admin/templates": "owner",
  "POST /api/documents/admin/templates/:templateId/versions": "owner",
  "POST /api/documents/documents/:documentId/sign": "signedIn",  // as reschedule: validation (400) runs before the ownership check
  "POST /api/documents/me/entry-proofs": "signedIn",
  "POST /api/documents/me/entry-proofs/:fileId/confirm": "signedIn",
  "POST /api/learning/courses/:slug/interest": "public",
  "POST /api/learning/admin/certificates/:id/revoke": "owner",
  "POST /api/learning/admin/courses": "owner",
  "POST /api/learning/admin/courses/:courseId/assessments": "owner",
  "POST /api/learning/admin/courses/:courseId/banks": "owner",
  "POST /api/learning/admin/courses/:courseId/banks/:bankId/questions": "owner",
  "POST /api/learning/admin/courses/:courseId/cohorts": "owner",
  "POST /api/learning/admin/courses/:courseId/lessons/:lessonId/move": "owner",
  "POST /api/learning/admin/courses/:courseId/modules": "owner",
  "POST /api/learning/admin/courses/:courseId/modules/:moduleId/lessons": "owner",
  "POST /api/learning/admin/courses/:courseId/status": "owner",
  "POST /api/learning/admin/enrollments": "owner",
  "POST /api/learning/admin/enrollments/:id/transfer": "owner",
  "POST /api/learning/attempts/:id/submit": "signedIn",
  "POST /api/learning/enrollments": "signedIn",
  "POST /api/learning/enrollments/:id/assessments/:assessmentId/attempts": "signedIn",
  "POST /api/learning/enrollments/:id/lessons/:lessonId/complete": "signedIn",
  "POST /api/messaging/admin/campaigns": "owner",
  "POST /api/messaging/admin/campaigns/:id/send": "owner",
  "POST /api/messaging/admin/campaigns/audience": "owner",
  "POST /api/messaging/admin/templates/:key/preview": "owner",
  "POST /api/messaging/unsubscribe": "public",
  "POST /api/payments/admin/payments/:paymentId/refunds": "owner",
  "POST /api/payments/admin/payments/desk-intents": "owner",
  "POST /api/payments/admin/payments/in-person": "owner",
  "POST /api/payments/intents": { anonymous: "401", clientA: "allow", clientB: "allow", student: "allow", owner: "403" },  // a client or student pays for their own booking/enrolment; the owner takes desk payments through /admin/payments/desk-intents
  "POST /api/payments/webhook": "public",  // Stripe calls it: the signature is the gate (400 without one)
  "PUT /api/booking/admin/business": "owner",
  "PUT /api/booking/admin/owner-alerts": "owner",
  "PUT /api/booking/admin/settings": "owner",
  "PUT /api/booking/me/profile": "signedIn",
  "PUT /api/documents/admin/photos/:fileId/treatment": "owner",
  "PUT /api/learning/admin/attempts/:id/marks": "owner",
  "PUT /api/learning/admin/courses/:courseId/lessons/:lessonId/captions": "owner",
  "PUT /api/learning/admin/courses/:courseId/modules/:moduleId/lessons/order": "owner",
  "PUT /api/learning/admin/courses/:courseId/modules/order": "owner",
  "PUT /api/learning/admin/enrollments/:id/attendance": "owner",
  "PUT /api/learning/admin/enrollments/:id/entry": "owner",
  "PUT /api/learning/attempts/:id/answers/:questionId": "signedIn",
  "PUT /api/messaging/admin/templates/:key": "owner",
};
