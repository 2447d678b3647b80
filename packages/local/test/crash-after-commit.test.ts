import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox, outboxBacklog } from "@mas/core/outbox/outbox";
import { clock } from "@mas/core/shared/clock";
import { client, json, seedClinic } from "../../services/booking/test/support";
import { platform, sentMail } from "./harness";

/**
 * The process dies after the commit and before the publish (a Lambda timing out or
 * crashing): the event is in the table with the appointment, and the sweeper delivers it
 * without anyone retrying the request — exactly one confirmation mail.
 */
let blackHole: Server;
beforeAll(async () => {
  clock.use(() => platform().scheduler.now());
  await seedClinic();
  // Accepts PutEvents connections and never answers: the child hangs right after its commit.
  blackHole = createServer(() => undefined);
  await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
});
afterAll(() => {
  blackHole.closeAllConnections();
  blackHole.close();
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a crash between commit and publish", () => {
  it("loses nothing: the killed process's event is delivered by the sweeper, once", async () => {
    const eve = await client();
    // The child runs on the real clock: a date ahead of it, on a Tuesday (open 10:00–13:00).
    const request = json("POST", { service: "hydrating-facial", start: "2027-01-12T10:00:00Z" }, eve);
    const port = (blackHole.address() as AddressInfo).port;
    const child = spawn(join(process.cwd(), "node_modules/.bin/tsx"), [join(import.meta.dirname, "fixtures/book-and-hang.ts")], {
      env: { ...process.env, AWS_ENDPOINT_URL_EVENTBRIDGE: `http://127.0.0.1:${port}`, BOOK_REQUEST: JSON.stringify(request) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));

    const stuck = await until(async () => (await outboxBacklog()).find((e) => e.name === "appointment.confirmed" && e.detail.includes(eve.userId)), 60_000);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(output).not.toContain("published");
    expect(platform().bus.published.some((e) => (e.detail as { id: string }).id === stuck.eventId)).toBe(false);

    expect(await drainOutbox({ graceMs: 0 })).toMatchObject({ published: 1, failed: 0 });
    await platform().bus.idle();
    const mails = (await sentMail()).filter((m) => m.destination.to.includes(eve.email.toLowerCase()) || m.destination.to.includes(eve.email));
    expect(mails.map((m) => m.subject).filter((s) => s.startsWith("Booked:"))).toEqual(["Booked: Hydrating facial on Tuesday 12 January 2027"]);
    expect(await drainOutbox({ graceMs: 0 })).toEqual({ published: 0, failed: 0 });
  }, 90_000);
});
