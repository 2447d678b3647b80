import { ensureUser, findUserByEmail, type EnsuredUser } from "@mas/accounts/domain/users";
import { seedBookingDemo } from "@mas/booking/seed";
import { seedPaymentsDemo } from "@mas/payments/seed";
import { seedLearningDemo } from "@mas/learning/seed";
import { seedDocumentsDemo } from "@mas/documents/seed";
import { rebuildAudience } from "@mas/messaging/domain/audience-projection";

/**
 * Demo data for `npm start`, idempotent (safe on every start). Each service adds its own
 * seed as it lands; returns the sign-ins to print.
 */
export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export async function seedDemoData(): Promise<DemoLogin[]> {
  const logins = [...(await seedAccounts())];
  await seedBooking();
  await seedPayments();
  await seedLearning();
  await seedDocuments();
  await seedMessaging();
  return logins;
}

/**
 * Messaging: the marketing audience read model built from what the seeds above wrote
 * directly (they publish no events), so the owner's campaign count and sends see the demo
 * people. Idempotent: a member is only ever rewritten with facts as new as its own.
 */
export async function seedMessaging(): Promise<void> {
  await rebuildAudience();
}

/**
 * The people of the demo practice: the owner (practitioner and trainer), three clients and
 * two students — Isla is both. Phone numbers are in Ofcom's drama range (07700 900xxx).
 * Other seeds find them by email (`DEMO_PEOPLE`).
 */
export const DEMO_PEOPLE = {
  owner: { email: "owner@masteraesthetics.test", password: "Owner-demo-2026", firstName: "Eleanor", lastName: "Hart", phone: "+447700900001", dateOfBirth: "1984-05-12", roles: ["owner"] },
  amelia: { email: "amelia.hughes@example.test", password: "Client-demo-2026", firstName: "Amelia", lastName: "Hughes", phone: "+447700900123", dateOfBirth: "1991-03-14", roles: ["client"] },
  grace: { email: "grace.okafor@example.test", password: "Client-demo-2026", firstName: "Grace", lastName: "Okafor", phone: "+447700900456", dateOfBirth: "1978-11-02", roles: ["client"] },
  isla: { email: "isla.morgan@example.test", password: "Client-demo-2026", firstName: "Isla", lastName: "Morgan", phone: "+447700900789", dateOfBirth: "1995-07-21", roles: ["client", "student"] },
  bethan: { email: "bethan.pryce@example.test", password: "Student-demo-2026", firstName: "Bethan", lastName: "Pryce", phone: "+447700900321", dateOfBirth: "1999-01-30", roles: ["student"] },
} satisfies Record<string, EnsuredUser>;

/** Creates the demo people that do not exist yet (existing emails are left untouched). */
export async function seedAccounts(): Promise<DemoLogin[]> {
  const people = Object.values(DEMO_PEOPLE);
  await Promise.all(people.map((person) => ensureUser(person)));
  return people.map(({ roles, email, password }) => ({ role: roles.join("+"), email, password }));
}

/** Booking: hours (Tue–Sat), the treatment menu, and bookings for the demo clients. */
export async function seedBooking(): Promise<void> {
  const clients = await Promise.all([DEMO_PEOPLE.amelia, DEMO_PEOPLE.grace, DEMO_PEOPLE.isla].map((person) => findUserByEmail(person.email)));
  await seedBookingDemo(clients.flatMap((user) => (user ? [user.userId] : [])));
}

/** Payments: the demo clients' deposits, paid through the fake Stripe (receipts, the owner's list and totals). */
export async function seedPayments(): Promise<void> {
  await seedPaymentsDemo(Object.values(DEMO_PEOPLE).map((person) => person.email));
}

/** Learning: two published courses with a cohort whose practical day is next month; Bethan part-way through the first. */
export async function seedLearning(): Promise<void> {
  const bethan = await findUserByEmail(DEMO_PEOPLE.bethan.email);
  await seedLearningDemo(bethan?.userId, new Date());
}

/** Documents: consent templates per treatment category; Amelia's upcoming consent signed, the other clients' awaiting signature. */
export async function seedDocuments(): Promise<void> {
  const people = [DEMO_PEOPLE.amelia, DEMO_PEOPLE.grace, DEMO_PEOPLE.isla];
  const users = await Promise.all(people.map((person) => findUserByEmail(person.email)));
  await seedDocumentsDemo(users.flatMap((user) => (user ? [{ userId: user.userId, name: `${user.firstName} ${user.lastName}` }] : [])));
}
