/**
 * UK GDPR access (Art. 15) and erasure (Art. 17), split by ownership. Each service
 * describes the personal data it holds as contributors: `export` (read-only, exposed
 * through the service's read module so accounts can assemble one export document) and
 * `erase` (run only by the owning service, when it receives `user.erased`). Erasers must be
 * idempotent: the event may arrive more than once.
 */
export interface PersonalDataContributor {
  /** Key in the export document, e.g. `appointments`, `medicalHistory`. */
  name: string;
  export(userId: string): Promise<unknown>;
  /** Omit for data kept by law (still exported). */
  erase?(userId: string): Promise<void>;
}

/** The export part of a service's contributors, as its read module offers it. */
export async function exportOf(contributors: readonly PersonalDataContributor[], userId: string): Promise<Record<string, unknown>> {
  const document: Record<string, unknown> = {};
  for (const contributor of contributors) document[contributor.name] = await contributor.export(userId);
  return document;
}

/** Runs a service's erasers for one user (its `user.erased` handler). */
export async function eraseWith(contributors: readonly PersonalDataContributor[], userId: string): Promise<string[]> {
  const erased: string[] = [];
  for (const contributor of contributors) {
    if (!contributor.erase) continue;
    await contributor.erase(userId);
    erased.push(contributor.name);
  }
  return erased;
}
