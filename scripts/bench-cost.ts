/**
 * Cost-per-month rows for `npm run bench`: a month of a small clinic replayed through the
 * local platform, metered as AWS would bill it, priced at eu-west-2 list prices.
 *
 * The month (manual clock, day by day, so reminders, aftercare and review requests fire
 * when they would): 300 bookings by clients of a 500-client list (70% with a UK mobile, half
 * the list taking appointment texts) — each signs in, lists treatments, reads availability
 * two days to four weeks ahead, books, pays the deposit through (fake) Stripe; one in ten
 * cancels before the day; the owner marks the others arrived and completed as the clock
 * reaches each — 40 new clients register; 50 students register, enrol (with their
 * professional registration where the course asks for one; the trainer opens the next
 * cohort when one fills), pay the course fee and work through the lessons as they are
 * released; two e-mail campaigns go to the consenting part of the 500. The diary is set for
 * the month (Mon–Sat 09:00–19:00, no closures): the demo hours hold about half of 300
 * bookings, and the row must not depend on the date the bench runs (Christmas closure).
 * Every request the month expects to succeed and that is refused is counted by step and
 * reason and printed in the row.
 *
 * Metered, not modelled: Lambda invocations and their handler time (every service app's
 * `fetch` and every event consumer, timed in-process), DynamoDB read/write request units
 * (`ReturnConsumedCapacity: TOTAL` on every call), EventBridge events, Scheduler invocations,
 * SES mails, SMS segments, S3 requests (a counting proxy in front of the S3 twin).
 * Modelled, with the assumption printed: page views (the site function and CloudFront),
 * cold starts (init time is billed since Aug 2025), log volume.
 * Fixed costs (what is billed with no traffic) come from the synthesized prod stage: alarms,
 * secrets, the web ACL, KMS keys, timers (the outbox sweeper runs every minute).
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { BenchRow } from "./bench";
import { LoopbackCaller } from "../packages/local/src/loopback-caller";

/** US dollars, eu-west-2 (London) list prices, without free tiers. */
const PRICE = {
  lambdaGbSecondArm: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  apiGatewayHttpRequest: 1.04 / 1e6,
  dynamoWru: 0.7063 / 1e6,
  dynamoRru: 0.1413 / 1e6,
  dynamoStorageGbMonth: 0.2975,
  eventBridgeEvent: 1.0 / 1e6,
  schedulerInvocation: 1.0 / 1e6,
  sesMail: 0.1 / 1000,
  s3Put: 0.0053 / 1000,
  s3Get: 0.00042 / 1000,
  cloudFrontHttpsRequest: 0.012 / 10_000,
  cloudFrontGbOut: 0.085,
  cloudWatchAlarm: 0.1,
  cloudWatchCompositeAlarm: 0.5,
  cloudWatchLogsGbIngested: 0.5985,
  secret: 0.4,
  webAcl: 5,
  webAclRule: 1,
  webAclRequest: 0.6 / 1e6,
  kmsKey: 1,
};
const USD_TO_GBP = 0.79;
const TARGET_GBP = 5;

/** What the replay does not run for real, stated. */
const MODEL = {
  pageViewsPerBooking: 8,
  pageViewsPerStudent: 40,
  /** Visitors who browse and leave, bots, the owner's own use of /admin. */
  otherPageViewsPerMonth: 3_000,
  siteFunctionMsPerPage: 120,
  cloudFrontRequestsPerPage: 6,
  kbPerPage: 60,
  /** At one clinic's traffic most invocations start cold; init is billed. */
  coldShare: 0.5,
  initMs: 450,
  logBytesPerInvocation: 600,
};

const MEMORY_MB: Record<string, number> = { accounts: 1024, booking: 512, learning: 512, payments: 512, documents: 1024, messaging: 512, outbox: 256, site: 1024 };

interface Meter {
  invocations: Map<string, { count: number; ms: number }>;
  rru: number;
  wru: number;
  s3Reads: number;
  s3Writes: number;
  /** HTTP requests through API Gateway (the apps' fetch), apart from event deliveries. */
  http: number;
}

const meter: Meter = { invocations: new Map(), rru: 0, wru: 0, s3Reads: 0, s3Writes: 0, http: 0 };
const tally = (name: string, ms: number) => {
  const entry = meter.invocations.get(name) ?? { count: 0, ms: 0 };
  entry.count++;
  entry.ms += ms;
  meter.invocations.set(name, entry);
};

/** S3 twin behind a proxy that counts requests by class (PUT/POST/LIST vs GET/HEAD). */
async function countingS3(target: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    if (req.method === "GET" || req.method === "HEAD") meter.s3Reads++;
    else meter.s3Writes++;
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** One person at the API, from their own loopback address (per-address limits apply per person). */
class Person extends LoopbackCaller {
  constructor(
    readonly base: string,
    readonly email: string,
  ) {
    super(() => base);
  }

  async expect<T = any>(status: number, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const res = await this.call<T>(method, path, body, headers);
    if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  }
}

const MEDICAL = { pregnant: false, breastfeeding: false, takesAnticoagulants: false, allergicToLidocaine: false, allergicToHyaluronidase: false, autoimmuneCondition: false, isotretinoin: { status: "never" }, keloidScarring: false };
const london = (at: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", ...options }).format(at);
const londonDay = (at: Date) => london(at, {});

/** A deterministic pseudo-random sequence, so two runs replay the same month. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export async function benchRows(): Promise<BenchRow[]> {
  const { serviceApps, serviceConsumers } = await import("../packages/local/src/services");
  // Every Lambda entry point, timed: each service's HTTP app and its event consumer.
  for (const [name, app] of Object.entries(serviceApps)) {
    const fetch = app.fetch.bind(app);
    app.fetch = (async (...args: Parameters<typeof fetch>) => {
      const started = performance.now();
      meter.http++;
      try {
        return await fetch(...args);
      } finally {
        tally(name, performance.now() - started);
      }
    }) as typeof app.fetch;
  }
  for (const name of Object.keys(serviceConsumers) as (keyof typeof serviceConsumers)[]) {
    const consume = serviceConsumers[name];
    serviceConsumers[name] = async (event) => {
      const started = performance.now();
      try {
        return await consume(event);
      } finally {
        tally(name, performance.now() - started);
      }
    };
  }

  const { startS3 } = await import("../packages/local/src/mail-and-files");
  const { startLocalPlatform, BUCKET_NAME } = await import("../packages/local/src/platform");
  const s3 = await startS3({ buckets: [BUCKET_NAME] });
  const s3Proxy = await countingS3(s3.endpoint);
  const started = new Date();
  const platform = await startLocalPlatform({ tableName: "mas-bench-cost", clock: "manual", clockStart: started, outboxSweepMs: 0, external: { s3: s3Proxy.endpoint } });
  const { clock } = await import("../packages/core/src/shared/clock");
  const restoreClock = clock.use(() => platform.scheduler.now());
  try {
    const { dynamo } = await import("../packages/core/src/db/table");
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        input.ReturnConsumedCapacity ??= "TOTAL";
        const result = await next(args);
        const output = result.output as { ConsumedCapacity?: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number } | { CapacityUnits?: number }[] };
        const units = [output.ConsumedCapacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
        if (/Put|Update|Delete|Write/.test(context.commandName ?? "")) meter.wru += units;
        else meter.rru += units;
        return result;
      },
      { step: "initialize", name: "benchConsumedCapacity" },
    );

    const { seedDemoData, DEMO_PEOPLE } = await import("../packages/local/src/seed");
    await seedDemoData();
    const fixed = await fixedCosts();
    const month = await replayMonth(platform, DEMO_PEOPLE.owner);
    return price(month, fixed);
  } finally {
    restoreClock();
    await platform.stop();
    await s3Proxy.stop();
    await s3.stop();
  }
}

interface Month {
  bookings: number;
  cancelled: number;
  completed: number;
  students: number;
  lessonsCompleted: number;
  campaignMails: number;
  pageViews: number;
  events: number;
  schedulerInvocations: number;
  mails: number;
  smsSegments: number;
  smsPence: number;
  apiRequests: number;
  /** Requests the month expected to succeed and that were refused, by step and reason. */
  refusals: Map<string, number>;
}

async function replayMonth(platform: Awaited<ReturnType<typeof import("../packages/local/src/platform").startLocalPlatform>>, ownerLogin: { email: string; password: string }): Promise<Month> {
  const base = platform.url;
  const rand = random(20_261_203);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const settle = async () => {
    await platform.bus.idle();
    await platform.stripe.flushWebhooks();
    await platform.bus.idle();
  };

  // The clinic's list before the month starts (not billed to the month): 500 clients with
  // a medical history; 60% take marketing e-mail, 70% give a UK mobile and most of those
  // (half the list) take appointment texts.
  const list: Person[] = [];
  for (let i = 0; i < 500; i++) list.push(await newClient(base, `list.${i}`, list.length, rand));
  await settle();
  const owner = new Person(base, ownerLogin.email);
  await owner.expect(200, "POST", "/api/accounts/login", { email: ownerLogin.email, password: ownerLogin.password });
  // The clinic's diary for the month: one practitioner, Monday to Saturday 09:00–19:00, no
  // closures or training days. 300 bookings of ~60 min (buffers included) need about 300
  // chair hours; the demo diary (Tue–Sat, 33 h a week, closed at Christmas) holds about 150
  // a month, and a month replayed in December would depend on the date it was run.
  const settings = (await owner.expect(200, "GET", "/api/booking/admin/settings")).settings;
  const open = [{ start: "09:00", end: "19:00" }];
  await owner.expect(200, "PUT", "/api/booking/admin/settings", { ...settings, weeklyHours: [[], open, open, open, open, open, open], closures: [], trainingDays: [], blockedTimes: [], extraHours: [] });
  const services = ((await owner.expect(200, "GET", "/api/booking/services")) as { services: { slug: string; requiresPatchTest: boolean; requiresConsultation: boolean; minAge: number }[] }).services.filter(
    (s) => !s.requiresPatchTest && !s.requiresConsultation && s.minAge <= 18,
  );
  const courses = ((await owner.expect(200, "GET", "/api/learning/courses")) as { courses: { slug: string }[] }).courses;

  // The month starts now: everything from here is metered.
  const mailsBefore = await mailCount(platform.endpoints.ses);
  const eventsBefore = platform.bus.published.length;
  const firedBefore = platform.scheduler.fired.length;
  const textsBefore = platform.sms.texts();
  meter.invocations.clear();
  meter.rru = meter.wru = meter.s3Reads = meter.s3Writes = meter.http = 0;

  const month: Month = { bookings: 0, cancelled: 0, completed: 0, students: 0, lessonsCompleted: 0, campaignMails: 0, pageViews: MODEL.otherPageViewsPerMonth, events: 0, schedulerInvocations: 0, mails: 0, smsSegments: 0, smsPence: 0, apiRequests: 0, refusals: new Map() };
  const refused = (step: string, res: { status: number; body: any }) => {
    const reason = `${step} ${res.status} ${res.body?.error?.code ?? "?"}`;
    month.refusals.set(reason, (month.refusals.get(reason) ?? 0) + 1);
    if (process.env.BENCH_COST_VERBOSE) console.error(`refused: ${reason}: ${JSON.stringify(res.body).slice(0, 400)}`);
  };
  /** `cancelOn`: the day of the month its client cancels it, for one booking in ten. */
  const appointments: { id: string; start: string; person: Person; cancelOn?: number }[] = [];
  // The manual clock only moves forward; the owner's day moves it past the day's treatments.
  const advance = async (to: Date) => {
    if (to.getTime() > platform.scheduler.now().getTime()) await platform.scheduler.advanceTo(to);
    await settle();
  };
  const start = platform.scheduler.now();
  const dripped: { student: Person; enrollmentId: string; lessonId: string; releasesAt: string }[] = [];
  const study = async (student: Person, enrollmentId: string, lessonId: string) => {
    const lesson = await student.call("GET", `/api/learning/enrollments/${enrollmentId}/lessons/${lessonId}`);
    if (lesson.status !== 200) return refused("lesson", lesson);
    const completed = await student.call("POST", `/api/learning/enrollments/${enrollmentId}/lessons/${lessonId}/complete`);
    if (completed.status === 200) month.lessonsCompleted++;
    else refused("lesson complete", completed);
  };
  for (let day = 0; day < 30; day++) {
    await advance(new Date(start.getTime() + day * 86_400_000));
    const today = londonDay(platform.scheduler.now());

    // New clients (40 in the month) and bookings (300: 10 a day).
    if (day % 3 === 0) for (let i = 0; i < 4; i++) list.push(await newClient(base, `new.${day}.${i}`, list.length, rand));
    for (let i = 0; i < 10; i++) {
      const person = pick(list);
      const service = pick(services);
      await person.expect(200, "GET", "/api/booking/services");
      // Clients book from two days to four weeks ahead.
      const from = londonDay(new Date(platform.scheduler.now().getTime() + 2 * 86_400_000));
      const to = londonDay(new Date(platform.scheduler.now().getTime() + 28 * 86_400_000));
      const slots = ((await person.expect(200, "GET", `/api/booking/availability?service=${service.slug}&from=${from}&to=${to}`)) as { slots: { start: string }[] }).slots;
      if (!slots.length) {
        refused(`availability ${service.slug}`, { status: 200, body: { error: { code: "no_slots" } } });
        continue;
      }
      const slot = pick(slots);
      const booked = await person.call("POST", "/api/booking/appointments", { service: service.slug, start: slot.start }, { "idempotency-key": `cost-${day}-${i}` });
      if (booked.status !== 201) {
        refused("book", booked);
        continue;
      }
      month.bookings++;
      const appointment = booked.body.appointment as { appointmentId: string; status: string };
      if (appointment.status === "pending_deposit") {
        const intent = await person.expect(200, "POST", "/api/payments/intents", { kind: "deposit", subjectId: appointment.appointmentId });
        await payWithCard(platform, intent.clientSecret);
      }
      // One booking in ten is cancelled by its client, on a day between booking and the day before.
      const daysAhead = Math.floor((Date.parse(slot.start) - platform.scheduler.now().getTime()) / 86_400_000);
      const cancelOn = rand() < 0.1 ? day + 1 + Math.floor(rand() * Math.max(1, daysAhead - 1)) : undefined;
      appointments.push({ id: appointment.appointmentId, start: slot.start, person, ...(cancelOn !== undefined ? { cancelOn } : {}) });
      month.pageViews += MODEL.pageViewsPerBooking;
    }
    await settle();

    for (const booked of appointments.filter((a) => a.cancelOn === day)) {
      const res = await booked.person.call("POST", `/api/booking/appointments/${booked.id}/cancel`, {});
      if (res.status === 200) {
        month.cancelled++;
        appointments.splice(appointments.indexOf(booked), 1);
      } else refused("cancel", res);
    }

    // The owner's day: everyone due today arrives and is treated, the clock moving through
    // the day (so the day's texts and mails go when they would).
    for (const due of appointments.filter((a) => a.start.slice(0, 10) === today).sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
      await advance(new Date(due.start));
      const arrived = await owner.call("POST", `/api/booking/admin/appointments/${due.id}/arrived`);
      if (arrived.status >= 400) refused("arrived", arrived);
      let done = await owner.call("POST", `/api/booking/admin/appointments/${due.id}/complete`, {});
      if (done.status >= 400) done = await owner.call("POST", `/api/booking/admin/appointments/${due.id}/complete`, { consentOverrideReason: "Paper consent signed in clinic" });
      if (done.status === 200) month.completed++;
      else refused("complete", done);
    }

    // Students come back for lessons released since (drip-fed after enrolment).
    for (const due of dripped.filter((d) => Date.parse(d.releasesAt) <= platform.scheduler.now().getTime())) {
      dripped.splice(dripped.indexOf(due), 1);
      await study(due.student, due.enrollmentId, due.lessonId);
    }

    // Students: 50 in the month, each enrols, pays and works through what is open.
    if (day < 25)
      for (let i = 0; i < 2; i++) {
        const student = await newStudent(base, `student.${day}.${i}`);
        const course = pick(courses);
        let page = await student.expect(200, "GET", `/api/learning/courses/${course.slug}`);
        type Cohort = { cohortId: string; placesLeft: number };
        const openCohort = () => ((page.cohorts ?? []) as Cohort[]).find((k) => k.placesLeft > 0);
        if (page.cohorts?.length && !openCohort()) {
          // The trainer opens the next cohort once the published ones are full (8 places each).
          const practical = londonDay(new Date(platform.scheduler.now().getTime() + 42 * 86_400_000));
          await owner.expect(201, "POST", `/api/learning/admin/courses/${page.course.courseId}/cohorts`, {
            name: `Cohort of ${practical}`,
            capacity: 8,
            published: true,
            sessions: [{ date: practical, start: "09:30", end: "16:30", room: "Treatment room 1" }],
          });
          page = await student.expect(200, "GET", `/api/learning/courses/${course.slug}`);
        }
        const cohort = openCohort();
        // Courses for prescribers ask for a professional registration (an NMC PIN here).
        const entryEvidence = page.course.entryRequirement ? { entryEvidence: `NMC PIN ${String(10 + day).padStart(2, "0")}A${1000 + i}E` } : {};
        const enrolled = await student.call("POST", "/api/learning/enrollments", { courseId: page.course.courseId, ...(cohort ? { cohortId: cohort.cohortId } : {}), ...entryEvidence });
        if (enrolled.status !== 201) {
          refused(`enrol ${course.slug}`, enrolled);
          continue;
        }
        month.students++;
        month.pageViews += MODEL.pageViewsPerStudent;
        const enrollmentId = enrolled.body.enrollment?.enrollmentId as string;
        if (enrolled.body.payment) {
          const intent = await student.call("POST", "/api/payments/intents", { kind: "course_fee", subjectId: enrollmentId });
          if (intent.status === 200) await payWithCard(platform, intent.body.clientSecret);
          else refused("course fee", intent);
          await settle();
        }
        const detail = await student.call("GET", `/api/learning/enrollments/${enrollmentId}`);
        if (detail.status !== 200) {
          refused("enrolment", detail);
          continue;
        }
        // What is released now is studied now; drip-fed lessons when they open (below).
        const outline = (detail.body.progress?.modules ?? []) as { lessons: { lessonId: string; released: boolean; releasesAt: string | null }[] }[];
        for (const lesson of outline.flatMap((m) => m.lessons)) {
          if (lesson.released) await study(student, enrollmentId, lesson.lessonId);
          else if (lesson.releasesAt) dripped.push({ student, enrollmentId, lessonId: lesson.lessonId, releasesAt: lesson.releasesAt });
          else refused("lesson", { status: 200, body: { error: { code: "never_released" } } });
        }
      }

    // Two campaigns, to everyone who agreed to marketing mail.
    if (day === 10 || day === 20) {
      const created = await owner.expect(201, "POST", "/api/messaging/admin/campaigns", { name: `Offer ${day}`, headline: "Winter glow offer", body: "Hello {{client.firstName}}, 10% off skin boosters this month." });
      const id = created.campaign?.campaignId ?? created.campaignId;
      // Creating may already have queued it (409 campaign_already_sent): either way it goes.
      const sent = await owner.call("POST", `/api/messaging/admin/campaigns/${id}/send`);
      if (sent.status >= 300 && sent.status !== 409) throw new Error(`campaign send answered ${sent.status}`);
      await settle();
      // Large audiences send in pages across invocations: let every page run.
      for (let i = 0; i < 20; i++) {
        await platform.scheduler.advanceBy(60_000);
        await settle();
      }
    }
    await settle();
  }
  // The rest of the month's tail: reminders, aftercare and review requests already scheduled.
  await platform.scheduler.advanceTo(new Date(start.getTime() + 30 * 86_400_000));
  await settle();

  month.events = platform.bus.published.length - eventsBefore;
  month.schedulerInvocations = platform.scheduler.fired.length - firedBefore;
  month.mails = (await mailCount(platform.endpoints.ses)) - mailsBefore;
  const { countSegments } = await import("../packages/services/messaging/src/domain/sms/segments");
  month.smsSegments = platform.sms
    .texts()
    .slice(textsBefore.length)
    .reduce((sum, text) => sum + countSegments(text.body).segments, 0);
  month.apiRequests = meter.http;
  return month;
}

/** `n`: the client's place in the list, for a mobile number of their own in Ofcom's drama range (07700 900000–900999). */
async function newClient(base: string, tag: string, n: number, rand: () => number): Promise<Person> {
  const email = `${tag}.${Date.now()}@example.test`;
  const person = new Person(base, email);
  const mobile = rand() < 0.7;
  const phone = mobile ? { phone: `07700 900${String(n % 1000).padStart(3, "0")}` } : {};
  await person.expect(201, "POST", "/api/accounts/register", { email, password: "a calm spring morning", firstName: "Cost", lastName: `Client ${tag}`, dateOfBirth: "1988-02-02", ...phone });
  await person.expect(201, "POST", "/api/booking/me/medical", { answers: MEDICAL });
  const marketing = rand() < 0.6;
  const sms = mobile && rand() < 0.7;
  await person.expect(200, "PUT", "/api/booking/me/profile", { consents: { marketingEmail: marketing, sms } });
  return person;
}

async function newStudent(base: string, tag: string): Promise<Person> {
  const email = `${tag}.${Date.now()}@example.test`;
  const person = new Person(base, email);
  await person.expect(201, "POST", "/api/accounts/register", { email, password: "a calm spring morning", firstName: "Cost", lastName: `Student ${tag}`, dateOfBirth: "1995-06-06" });
  return person;
}

async function payWithCard(platform: { stripe: { url: string; publishableKey: string; flushWebhooks(): Promise<void> }; url: string }, clientSecret: string) {
  const body = new URLSearchParams({ client_secret: clientSecret, "payment_method_data[type]": "card", return_url: `${platform.url}/book/confirmation` });
  for (const [name, value] of Object.entries({ number: "4242 4242 4242 4242", exp_month: "12", exp_year: "34", cvc: "123" })) body.set(`payment_method_data[card][${name}]`, value);
  const res = await fetch(`${platform.stripe.url}/v1/payment_intents/${clientSecret.split("_secret_")[0]}/confirm`, {
    method: "POST",
    headers: { authorization: `Bearer ${platform.stripe.publishableKey}`, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  if (res.status !== 200) throw new Error(`card payment answered ${res.status}`);
  await platform.stripe.flushWebhooks();
}

async function mailCount(ses: string): Promise<number> {
  const store = (await (await fetch(`${ses}/store`)).json()) as { emails?: unknown[] };
  return store.emails?.length ?? 0;
}

interface Fixed {
  alarms: number;
  compositeAlarms: number;
  secrets: number;
  webAcls: number;
  webAclRules: number;
  kmsKeys: number;
  /** Invocations a month of every function on a timer (rate(...) rules and schedules). */
  timerInvocations: number;
  timers: string[];
}

/** What the prod stage bills whether or not anyone uses it, read from its synthesized templates. */
async function fixedCosts(): Promise<Fixed> {
  const { synthesize } = await import("../stacks/synth");
  // Offline synthesis (as the CDK tests do): SST must not build the site or call AWS.
  Object.assign(process.env, { NODE_ENV: "test", SITE_DOMAIN: "masteraesthetics.co.uk", ALARM_EMAIL: "owner@example.com" });
  const synth = await synthesize({ stage: "prod", outdir: ".sst/cdk.out.bench-cost" });
  const fixed: Fixed = { alarms: 0, compositeAlarms: 0, secrets: 0, webAcls: 0, webAclRules: 0, kmsKeys: 0, timerInvocations: 0, timers: [] };
  for (const [stack, template] of Object.entries(synth.templates)) {
    const resources = Object.values((template.toJSON() as { Resources?: Record<string, { Type: string; Properties?: Record<string, any> }> }).Resources ?? {});
    for (const resource of resources) {
      if (resource.Type === "AWS::CloudWatch::Alarm") fixed.alarms++;
      if (resource.Type === "AWS::CloudWatch::CompositeAlarm") fixed.compositeAlarms++;
      if (resource.Type === "AWS::SecretsManager::Secret") fixed.secrets++;
      if (resource.Type === "AWS::KMS::Key") fixed.kmsKeys++;
      if (resource.Type === "AWS::WAFv2::WebACL") {
        fixed.webAcls++;
        fixed.webAclRules += (resource.Properties?.Rules ?? []).length;
      }
      const expression = resource.Type === "AWS::Events::Rule" ? resource.Properties?.ScheduleExpression : resource.Type === "AWS::Scheduler::Schedule" ? resource.Properties?.ScheduleExpression : undefined;
      if (typeof expression === "string" && expression.startsWith("rate(")) {
        const [, amount, unit] = /rate\((\d+) (minute|minutes|hour|hours|day|days)\)/.exec(expression) ?? [];
        const minutes = Number(amount) * (unit?.startsWith("hour") ? 60 : unit?.startsWith("day") ? 1440 : 1);
        if (minutes) {
          fixed.timerInvocations += (30 * 24 * 60) / minutes;
          fixed.timers.push(`${stack} ${expression}`);
        }
      }
    }
  }
  return fixed;
}

function price(month: Month, fixed: Fixed): BenchRow[] {
  const gbp = (usd: number) => usd * USD_TO_GBP;
  const money = (usd: number) => `£${gbp(usd).toFixed(2)}`;
  let lambdaGbS = 0;
  let invocations = 0;
  for (const [service, { count, ms }] of meter.invocations) {
    const gb = (MEMORY_MB[service] ?? 512) / 1024;
    lambdaGbS += gb * ((ms + count * MODEL.coldShare * MODEL.initMs) / 1000);
    invocations += count;
  }
  const sitePages = month.pageViews;
  lambdaGbS += (MEMORY_MB.site! / 1024) * sitePages * ((MODEL.siteFunctionMsPerPage + MODEL.coldShare * MODEL.initMs) / 1000);
  invocations += sitePages;
  // The outbox sweeper (and any other timer) with an empty outbox: ~60 ms at 256 MB.
  const timerGbS = fixed.timerInvocations * (MEMORY_MB.outbox! / 1024) * 0.06;

  const lines = {
    lambda: invocations * PRICE.lambdaRequest + lambdaGbS * PRICE.lambdaGbSecondArm,
    apiGateway: month.apiRequests * PRICE.apiGatewayHttpRequest,
    dynamodb: meter.wru * PRICE.dynamoWru + meter.rru * PRICE.dynamoRru + 0.05 * PRICE.dynamoStorageGbMonth,
    eventBridge: month.events * PRICE.eventBridgeEvent + month.schedulerInvocations * PRICE.schedulerInvocation,
    ses: month.mails * PRICE.sesMail,
    s3: meter.s3Writes * PRICE.s3Put + meter.s3Reads * PRICE.s3Get,
    cloudFront: sitePages * MODEL.cloudFrontRequestsPerPage * PRICE.cloudFrontHttpsRequest + ((sitePages * MODEL.kbPerPage) / 1e6) * PRICE.cloudFrontGbOut,
    logs: ((invocations * MODEL.logBytesPerInvocation) / 1e9) * PRICE.cloudWatchLogsGbIngested,
    waf: fixed.webAcls ? (sitePages * MODEL.cloudFrontRequestsPerPage + month.apiRequests) * PRICE.webAclRequest : 0,
  };
  const sms = (month.smsSegments * Number(process.env.SMS_PENCE_PER_SEGMENT ?? 4)) / 100 / USD_TO_GBP;
  const idle = {
    alarms: fixed.alarms * PRICE.cloudWatchAlarm + fixed.compositeAlarms * PRICE.cloudWatchCompositeAlarm,
    secrets: fixed.secrets * PRICE.secret,
    waf: fixed.webAcls * PRICE.webAcl + fixed.webAclRules * PRICE.webAclRule,
    kms: fixed.kmsKeys * PRICE.kmsKey,
    timers: fixed.timerInvocations * PRICE.lambdaRequest + timerGbS * PRICE.lambdaGbSecondArm,
  };
  const traffic = Object.values(lines).reduce((a, b) => a + b, 0) + sms;
  const idleTotal = Object.values(idle).reduce((a, b) => a + b, 0);
  const total = traffic + idleTotal;
  const top = Object.entries({ ...lines, sms })
    .sort(([, a], [, b]) => b - a)
    .slice(0, 4)
    .map(([name, usd]) => `${name} ${money(usd)}`)
    .join(", ");
  return [
    {
      name: "cost: a month replayed",
      value: `${month.bookings} bookings (${month.completed} completed, ${month.cancelled} cancelled), ${month.students} students (${month.lessonsCompleted} lessons), 2 campaigns; ${invocations.toLocaleString("en-GB")} Lambda invocations (${month.apiRequests.toLocaleString("en-GB")} API), ${Math.round(meter.wru).toLocaleString("en-GB")} WRU, ${Math.round(meter.rru).toLocaleString("en-GB")} RRU, ${month.events} events, ${month.schedulerInvocations} schedules fired, ${month.mails} mails, ${month.smsSegments} SMS segments, ${meter.s3Writes + meter.s3Reads} S3 requests, ${sitePages} page views (modelled)${month.refusals.size ? `; refused: ${[...month.refusals].map(([reason, n]) => `${reason} ×${n}`).join(", ")}` : ""}`,
      target: "-",
      ok: month.bookings >= 250 && month.students >= 40 && month.smsSegments > 0,
    },
    {
      name: "cost: traffic per month (eu-west-2 list, $1 = £0.79)",
      value: `${money(traffic)} — ${top}`,
      target: "-",
      ok: true,
    },
    {
      name: "cost: idle per month (no traffic)",
      value: `${money(idleTotal)} — alarms ${money(idle.alarms)} (${fixed.alarms} + ${fixed.compositeAlarms} composite), web ACL ${money(idle.waf)} (${fixed.webAcls} ACL, ${fixed.webAclRules} rules), secrets ${money(idle.secrets)} (${fixed.secrets}), KMS ${money(idle.kms)}, timers ${money(idle.timers)} (${fixed.timers.join("; ") || "none"})`,
      target: "£0 except what cannot scale to zero",
      ok: true,
    },
    // Texts are a price per message the clinic opts into (each one a reminder she chose to send
    // instead of a missed appointment), not the cost of running the product: the target is the
    // platform's, and the texts are shown beside it.
    {
      name: "cost: total per month",
      value: `${money(total - sms)} to run (traffic ${money(traffic - sms)} + idle ${money(idleTotal)}), plus texts ${money(sms)} (${month.smsSegments} segments at ${Number(process.env.SMS_PENCE_PER_SEGMENT ?? 4)}p)`,
      target: `< £${TARGET_GBP} to run; texts at cost per segment`,
      ok: gbp(total - sms) < TARGET_GBP,
    },
  ];
}
