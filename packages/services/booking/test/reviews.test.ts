import { beforeAll, describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { bookingPersonalData } from "../src/domain/personal-data";
import { body, book, call, json, seedClinic, signUp, useSchedulerClock, type TestUser } from "./support";

useSchedulerClock();
let owner: TestUser;
let amelia: TestUser;
let other: TestUser;
let completedId: string;
let confirmedId: string;

/** Books a facial for `who` at `start` and, if asked, completes it once it has started. */
async function appointment(who: TestUser, start: string, complete: boolean): Promise<string> {
  const { appointment } = await body(await book(who, "hydrating-facial", start));
  if (complete) {
    await platform().scheduler.advanceTo(new Date(new Date(start).getTime() + 30 * 60_000));
    const res = await call(`/admin/appointments/${appointment.appointmentId}/complete`, json("POST", { consentOverrideReason: "Consent signed on paper" }, owner));
    expect(res.status).toBe(200);
  }
  return appointment.appointmentId;
}

beforeAll(async () => {
  await seedClinic();
  owner = await signUp("owner");
  amelia = await signUp("client", { firstName: "Amelia", lastName: "rossi", dateOfBirth: "1990-04-12" });
  other = await signUp("client", { firstName: "Bea", lastName: "Other", dateOfBirth: "1990-04-12" });
  confirmedId = await appointment(amelia, "2026-06-30T10:00:00+01:00", false);
  completedId = await appointment(amelia, "2026-06-02T10:00:00+01:00", true);
});

const review = (id: string) => `/appointments/${id}/review`;
const good = { rating: 5, comment: "  Calm, careful and the result looks natural.  " };

describe("leaving a review", () => {
  it("refuses anonymous visitors, and hides other clients' appointments", async () => {
    expect((await call(review(completedId), json("POST", good))).status).toBe(401);
    const res = await call(review(completedId), json("POST", good, other));
    expect(res.status).toBe(404);
    expect((await body(res)).error.code).toBe("booking.appointment_not_found");
    expect((await call(review("01NOSUCHAPPOINTMENT"), json("POST", good, amelia))).status).toBe(404);
  });

  it("does not let the owner write a review in a client's name", async () => {
    const res = await call(review(completedId), json("POST", good, owner));
    expect(res.status).toBe(404);
    expect((await call(review(completedId), { headers: owner.headers })).status).toBe(404);
  });

  it("refuses an appointment that has not been completed", async () => {
    const res = await call(review(confirmedId), json("POST", good, amelia));
    expect(res.status).toBe(409);
    expect((await body(res)).error.code).toBe("booking.review_not_completed");
  });

  it.each([
    ["no rating", { comment: "Nice" }, "rating"],
    ["a rating of 0", { rating: 0 }, "rating"],
    ["a rating of 6", { rating: 6 }, "rating"],
    ["half a star", { rating: 4.5 }, "rating"],
    ["a rating as text", { rating: "5" }, "rating"],
    ["a comment over 1000 characters", { rating: 4, comment: "x".repeat(1001) }, "comment"],
  ])("answers 400 for %s", async (_, input, field) => {
    const res = await call(review(completedId), json("POST", input, amelia));
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields ?? {})).toContain(field);
  });

  it("records one review of a completed appointment, with the name shown as first name and initial", async () => {
    expect((await call(review(completedId), { headers: amelia.headers })).status).toBe(404);
    const res = await call(review(completedId), json("POST", good, amelia));
    expect(res.status).toBe(201);
    expect((await body(res)).review).toMatchObject({ appointmentId: completedId, author: "Amelia R.", treatment: "Hydrating facial", rating: 5, comment: "Calm, careful and the result looks natural.", published: false });

    const again = await call(review(completedId), json("POST", { rating: 1, comment: "changed my mind" }, amelia));
    expect(again.status).toBe(409);
    expect((await body(again)).error.code).toBe("booking.review_exists");
    const mine = await body(await call(review(completedId), { headers: amelia.headers }));
    expect(mine.review).toMatchObject({ rating: 5 });
    expect((await call(review(completedId), { headers: other.headers })).status).toBe(404);
  });

  it("lets exactly one of three simultaneous submissions through", async () => {
    const id = await appointment(amelia, "2026-07-03T10:00:00+01:00", true);
    const results = await Promise.all([1, 2, 3].map((rating) => call(review(id), json("POST", { rating }, amelia))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });
});

describe("publishing reviews", () => {
  const publish = (id: string, action = "publish") => `/admin/reviews/${id}/${action}`;

  it("is for the owner only", async () => {
    expect((await call("/admin/reviews")).status).toBe(401);
    expect((await call("/admin/reviews", { headers: amelia.headers })).status).toBe(403);
    expect((await call(publish(completedId), json("POST", {}))).status).toBe(401);
    expect((await call(publish(completedId), json("POST", {}, amelia))).status).toBe(403);
    expect((await call(publish(completedId, "promote"), json("POST", {}, owner))).status).toBe(400);
    expect((await call(publish("01NOSUCHREVIEW"), json("POST", {}, owner))).status).toBe(404);
  });

  it("shows the home page only published reviews, without ids or surnames", async () => {
    expect((await body(await call("/reviews/published"))).reviews).toEqual([]);
    const list = await body(await call("/admin/reviews", { headers: owner.headers }));
    expect(list.reviews.map((r: { appointmentId: string }) => r.appointmentId)).toContain(completedId);

    const res = await call(publish(completedId), json("POST", {}, owner));
    expect(res.status).toBe(200);
    expect((await body(res)).review).toMatchObject({ published: true, publishedAt: expect.any(String) });
    const { reviews } = await body(await call("/reviews/published"));
    expect(reviews).toEqual([{ author: "Amelia R.", rating: 5, comment: "Calm, careful and the result looks natural.", treatment: "Hydrating facial", date: "2026-06-02" }]);

    expect((await body(await call(publish(completedId, "unpublish"), json("POST", {}, owner)))).review).toMatchObject({ published: false, publishedAt: null });
    expect((await body(await call("/reviews/published"))).reviews).toEqual([]);
  });
});

describe("personal data", () => {
  const contributor = bookingPersonalData.find((c) => c.name === "reviews")!;

  it("exports a client's reviews and erases them", async () => {
    const exported = (await contributor.export(amelia.userId)) as { appointmentId: string }[];
    expect(exported.map((r) => r.appointmentId)).toContain(completedId);
    await contributor.erase!(amelia.userId);
    expect(await contributor.export(amelia.userId)).toEqual([]);
    expect((await call(review(completedId), { headers: amelia.headers })).status).toBe(404);
  });
});
