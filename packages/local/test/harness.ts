import type { LocalPlatform } from "../src/platform";

/** The platform the setup file started for this test file. */
export function platform(): LocalPlatform {
  const current = (globalThis as { __masPlatform?: LocalPlatform }).__masPlatform;
  if (!current) throw new Error("No local platform: run this test in the vitest 'integration' project");
  return current;
}

/** Mail the SES emulator holds, newest last. */
export async function sentMail(): Promise<{ messageId: string; from: string; destination: { to: string[] }; subject: string; body: { html?: string; text?: string }; attachments?: unknown[]; headers?: { name: string; value: string }[]; at: number }[]> {
  const res = await fetch(`${platform().endpoints.ses}/store`);
  const store = (await res.json()) as { emails: never[] };
  return store.emails;
}

export async function clearMail(): Promise<void> {
  await fetch(`${platform().endpoints.ses}/clear-store`, { method: "POST" });
}
