/**
 * Campaign rows for `npm run bench` (issue 20, "campaigns at scale"): 5,000 clients on the
 * local platform (DynamoDB Local, SES emulator, SMS twin, bus, scheduler), 90% of them
 * consenting to marketing mail and a fifth of those to offers by text, then:
 *
 * - backfill: the marketing audience read model built from the sources, once (what every
 *   send used to do before its first mail: ~5 reads a person);
 * - the owner's live count over the read model, by mail and by text (median of 5 each);
 * - a full mail campaign to the 5,000 through the bus, paged (100 members a page) and
 *   continued in fresh invocations every 20 s, as deployed; SES pacing raised to 200/s
 *   locally (the emulator has no quota), and the production time at SES's default 14/s
 *   worked out from the same counts;
 * - a text campaign to the same audience (the SMS twin).
 *
 * DynamoDB requests are counted on the document client (middleware), by command; reads
 * are GetItem, BatchGetItem (per batch), Query (per page). DynamoDB Local on 2 shared
 * cores is slower than DynamoDB: times are an upper bound, request counts are exact.
 */
import { performance } from "node:perf_hooks";
import type { BenchRow } from "./bench";

const CLIENTS = Number(process.env.BENCH_CAMPAIGN_CLIENTS ?? 5_000);
const BENCH_RATE = 200;
const SES_DEFAULT_RATE = 14;
const BUDGET_MS = 20_000;

type Counts = Map<string, number>;
const READS = ["GetCommand", "BatchGetCommand", "QueryCommand", "GetItemCommand", "BatchGetItemCommand"];
const sum = (counts: Counts, names?: string[]) => [...counts].filter(([name]) => !names || names.includes(name)).reduce((total, [, n]) => total + n, 0);

export async function benchRows(): Promise<BenchRow[]> {
  const { startLocalPlatform } = await import("../packages/local/src/platform");
  const platform = await startLocalPlatform({ tableName: `mas-bench-campaigns-${Date.now()}`, clock: "manual", clockStart: new Date("2026-06-10T09:00:00Z") });
  process.env.SES_MAX_SEND_RATE = String(BENCH_RATE);
  process.env.CAMPAIGN_SEND_BUDGET_MS = String(BUDGET_MS);
  try {
    return await measure(platform);
  } finally {
    await platform.stop();
  }
}

async function measure(platform: Awaited<ReturnType<typeof import("../packages/local/src/platform").startLocalPlatform>>): Promise<BenchRow[]> {
  const { clock } = await import("../packages/core/src/shared/clock");
  const { dynamo } = await import("../packages/core/src/db/table");
  const { createUser } = await import("../packages/services/accounts/src/domain/users");
  const { hashPassword } = await import("../packages/services/accounts/src/crypto/password");
  const { db: bookingDb } = await import("../packages/services/booking/src/entities/index");
  const { rebuildAudience } = await import("../packages/services/messaging/src/domain/audience-projection");
  const { countAudience } = await import("../packages/services/messaging/src/domain/audience-count");
  const { createCampaign, findCampaign } = await import("../packages/services/messaging/src/domain/campaigns");
  clock.use(() => platform.scheduler.now());

  const counts: Counts = new Map();
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      counts.set(context.commandName ?? "?", (counts.get(context.commandName ?? "?") ?? 0) + 1);
      return next(args);
    },
    { step: "initialize", name: "benchCampaignCounter" },
  );
  const measured = async <T>(run: () => Promise<T>) => {
    counts.clear();
    const started = performance.now();
    const result = await run();
    return { result, ms: performance.now() - started, requests: sum(counts), reads: sum(counts, READS), counts: new Map(counts) };
  };
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await platform.sms.idle();
      await platform.bus.idle();
    }
  };

  // Seed: accounts and consents written as the services store them (no events: a backfill's starting point).
  const now = clock.now();
  const passwordHash = await hashPassword("bench-password-not-used");
  const ids: string[] = [];
  for (let i = 0; i < CLIENTS; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, CLIENTS - i) }, (_, j) =>
        createUser({ email: `bench.${i + j}@example.test`, firstName: `Client${i + j}`, lastName: "Bench", phone: `07700 9${String(i + j).padStart(5, "0")}`, roles: ["client"], passwordHash }, now),
      ),
    );
    ids.push(...batch.map((u) => u.userId));
  }
  const at = now.toISOString();
  const profiles = ids.map((clientId, n) => ({
    clientId,
    consents: {
      marketingEmail: { granted: n % 10 !== 0, at },
      ...(n % 5 === 1 ? { sms: { granted: true, at }, marketingSms: { granted: true, at } } : {}),
    },
    updatedAt: at,
  }));
  for (let i = 0; i < profiles.length; i += 25) await bookingDb().entities.clientProfile.put(profiles.slice(i, i + 25)).go();
  const owner = (await createUser({ email: "owner@bench.test", firstName: "Owner", lastName: "Bench", roles: ["owner"], passwordHash }, now)).userId;

  const backfill = await measured(() => rebuildAudience(at));

  const countTimes: number[] = [];
  let count = await measured(() => countAudience({ roles: ["client"] }, clock.now()));
  for (let i = 0; i < 5; i++) {
    count = await measured(() => countAudience({ roles: ["client"] }, clock.now()));
    countTimes.push(count.ms);
  }
  countTimes.sort((a, b) => a - b);
  const smsTimes: number[] = [];
  let smsCount = await measured(() => countAudience({ roles: ["client"] }, clock.now(), "sms"));
  for (let i = 0; i < 5; i++) {
    smsCount = await measured(() => countAudience({ roles: ["client"] }, clock.now(), "sms"));
    smsTimes.push(smsCount.ms);
  }
  smsTimes.sort((a, b) => a - b);

  const mail = await measured(async () => {
    const campaign = await createCampaign({ name: "Bench", headline: "Summer offers, {{client.firstName}}", body: "Skin boosters are 20% off in June.", audience: { roles: ["client"] } }, owner);
    await settle();
    return findCampaign(campaign.campaignId);
  });
  const text = await measured(async () => {
    const campaign = await createCampaign({ name: "Bench text", headline: "Summer", body: "Hi {{client.firstName}}, skin boosters are 20% off in June.", audience: { roles: ["client"] }, channel: "sms" }, owner);
    await settle();
    return findCampaign(campaign.campaignId);
  });

  const mailed = mail.result?.sent ?? 0;
  const texted = text.result?.sent ?? 0;
  const texts = platform.sms.texts().filter((t) => t.body.includes("skin boosters")).length;
  const atDefaultRate = mailed / SES_DEFAULT_RATE;
  // At 14/s a page of 100 takes ~7.1 s and an invocation starts a page only if it ends inside its 20 s (campaigns.ts).
  const pageSeconds = 100 / SES_DEFAULT_RATE;
  const pageMs = Math.ceil(100 / SES_DEFAULT_RATE) * 1000;
  let pagesPerInvocation = 0;
  for (let t = 0; ; ) {
    t += pageSeconds * 1000;
    pagesPerInvocation++;
    if (t + pageMs >= BUDGET_MS) break;
  }
  const invocationsAtDefault = Math.ceil(mailed / 100 / pagesPerInvocation);
  const perMember = (reads: number) => (reads / CLIENTS).toFixed(2);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    { name: `campaigns: backfill ${CLIENTS} members (once)`, value: `${s(backfill.ms)}, ${backfill.reads} reads (${perMember(backfill.reads)}/person)`, target: "info (was every send)", ok: backfill.result === CLIENTS + 1 },
    { name: "campaigns: live audience count (mail)", value: `${countTimes[2]!.toFixed(0)} ms, ${count.reads} reads (${count.result.reachable}/${count.result.matching})`, target: "< 1 s, ≤ 10 reads", ok: countTimes[2]! < 1_000 && count.reads <= 10 },
    { name: "campaigns: live audience count (text)", value: `${smsTimes[2]!.toFixed(0)} ms, ${smsCount.reads} reads (${smsCount.result.reachable} reachable)`, target: "< 1 s, ≤ 10 reads", ok: smsTimes[2]! < 1_000 && smsCount.reads <= 10 },
    { name: `campaigns: mail to ${CLIENTS} (${BENCH_RATE}/s local)`, value: `${s(mail.ms)}, ${mail.result?.invocations} invocations, ${mail.result?.pagesDone} pages`, target: `all sent, ≤ ${BUDGET_MS / 1000} s each`, ok: mailed === count.result.reachable && mail.result?.status === "sent" },
    { name: "  mail: DynamoDB per recipient", value: `${(mail.reads / mailed).toFixed(1)} reads, ${((mail.requests - mail.reads) / mailed).toFixed(1)} writes`, target: "info (audience: 0 reads)", ok: true },
    { name: "  mail: at SES's default 14/s (worked out)", value: `${(atDefaultRate / 60).toFixed(1)} min, ≈${invocationsAtDefault} invocations of ≈${(pagesPerInvocation * pageSeconds).toFixed(0)} s`, target: "each < 29 s", ok: pagesPerInvocation * pageSeconds < 29 },
    { name: `campaigns: text to ${smsCount.result.reachable} (of ${CLIENTS})`, value: `${s(text.ms)}, ${texted} sent (${texts} in twin), ${text.result?.invocations} invocations`, target: "one each, cost recorded", ok: texted === smsCount.result.reachable && texts === texted },
    { name: "  text: DynamoDB per recipient", value: `${(text.reads / Math.max(1, texted)).toFixed(1)} reads, ${((text.requests - text.reads) / Math.max(1, texted)).toFixed(1)} writes`, target: "info", ok: true },
  ];
}
