import { getActiveUser, listUsers, publicUser, usersByIds } from "@mas/accounts/read";
import { db } from "../entities";
import { notFound } from "@mas/core/errors";
import { appointmentsOfClient } from "./appointment-store";
import { appointmentView } from "./appointment-view";
import { profileOf, type MedicalVersion } from "./client-records";
import { usesOfBatch } from "./treatment-records";
import { newestNotesFirst } from "./client-notes";

/**
 * The practitioner's view of clients: search by name, email or phone (accounts' directory, a page at a time) or by id, one
 * client's whole file, and recalls (everyone treated with a batch).
 */
export async function searchClients(q: string | undefined, limit = 50, cursor?: string) {
  // A client's own id answers that client alone: the booking page names whom it books for
  // from the id in its address (a newly added client is not otherwise findable by id).
  if (q && !cursor) {
    const byId = await getActiveUser(q);
    if (byId?.roles.includes("client")) return { users: [publicUser(byId)], cursor: null };
  }
  // The directory filters after reading, so a page can come back short (even empty) with
  // more behind it: read on until the page is full or the directory ends (bounded).
  const users: Awaited<ReturnType<typeof listUsers>>["users"] = [];
  let next: string | null = cursor ?? null;
  for (let reads = 0; reads < MAX_DIRECTORY_READS; reads++) {
    const page = await listUsers({ q, role: "client", limit: limit - users.length, cursor: next ?? undefined });
    users.push(...page.users);
    next = page.cursor;
    if (!next || users.length >= limit) break;
  }
  return { users, cursor: next };
}
const MAX_DIRECTORY_READS = 20;

/**
 * Everything booking holds about a client: profile, every medical-history version, treatment
 * records and patch tests (one query over the `clientFile` collection), and appointments.
 * Callers audit the read: it includes special-category health data.
 */
export async function clientFile(clientId: string) {
  const user = await assertClient(clientId);
  const [records, profile, appointments] = await Promise.all([
    db().collections.clientFile({ clientId }).go({ pages: "all" }),
    profileOf(clientId),
    appointmentsOfClient(clientId),
  ]);
  const { medicalHistory, treatmentRecord, patchTest, clientNote } = records.data;
  return {
    client: publicUser(user),
    profile,
    medicalHistory: (medicalHistory as MedicalVersion[]).sort((a, b) => b.version - a.version),
    treatments: treatmentRecord.sort((a, b) => b.performedAt.localeCompare(a.performedAt)),
    patchTests: patchTest.sort((a, b) => b.testedAt.localeCompare(a.testedAt)),
    notes: newestNotesFirst(clientNote),
    appointments: appointments.map(appointmentView).reverse(),
  };
}

export async function assertClient(clientId: string) {
  const user = await getActiveUser(clientId);
  if (!user) throw notFound("booking.client_not_found", "No such client");
  return user;
}

/** Everyone treated with a batch, with name and email to contact them. */
export async function recallBatch(batch: string) {
  const uses = await usesOfBatch(batch);
  const ids = [...new Set(uses.map((u) => u.clientId))];
  const users = await usersByIds(ids);
  const byId = new Map(users.map((u) => [u.userId, u]));
  return uses.map((use) => {
    const user = byId.get(use.clientId);
    return { ...use, client: user && !user.erasedAt ? { name: `${user.firstName} ${user.lastName}`, email: user.email, phone: user.phone ?? null } : null };
  });
}
