import { describe, expect, it } from "vitest";
import type { AppointmentStatus } from "../entities/appointment";
import { displayNameOf, publicReviewView, publishedFirst, ReviewInput, reviewRefusal, type ReviewRecord } from "./review-rules";

describe("reviewRefusal", () => {
  it.each<[AppointmentStatus, string | undefined]>([
    ["completed", undefined],
    ["confirmed", "booking.review_not_completed"],
    ["pending_deposit", "booking.review_not_completed"],
    ["pending_review", "booking.review_not_completed"],
    ["cancelled", "booking.review_not_completed"],
    ["no_show", "booking.review_not_completed"],
    ["expired", "booking.review_not_completed"],
  ])("a %s appointment of one's own → %s", (status, code) => {
    expect(reviewRefusal({ clientId: "u1", status }, "u1")?.code).toBe(code);
  });

  it("does not disclose someone else's appointment, or a missing one", () => {
    expect(reviewRefusal({ clientId: "u2", status: "completed" }, "u1")?.code).toBe("booking.appointment_not_found");
    expect(reviewRefusal(undefined, "u1")?.code).toBe("booking.appointment_not_found");
  });
});

describe("ReviewInput", () => {
  it.each([
    [{ rating: 1 }, true],
    [{ rating: 5, comment: "x".repeat(1000) }, true],
    [{ rating: 5, comment: `  ${"x".repeat(1000)}  ` }, true],
    [{ rating: 5, comment: "x".repeat(1001) }, false],
    [{ rating: 0 }, false],
    [{ rating: 6 }, false],
    [{ rating: 2.5 }, false],
    [{ rating: "4" }, false],
    [{ comment: "no stars" }, false],
  ])("%j valid: %s", (input, valid) => {
    expect(ReviewInput.safeParse(input).success).toBe(valid);
  });

  it("trims the comment and defaults it to empty", () => {
    expect(ReviewInput.parse({ rating: 3, comment: "  ok " })).toEqual({ rating: 3, comment: "ok" });
    expect(ReviewInput.parse({ rating: 3 })).toEqual({ rating: 3, comment: "" });
  });
});

describe("displayNameOf", () => {
  it.each([
    ["Amelia", "Rossi", "Amelia R."],
    ["Amelia", "rossi", "Amelia R."],
    [" Amelia ", "  Ó'Brien", "Amelia Ó."],
    ["Amelia", "", "Amelia"],
    ["", "Rossi", "A client R."],
  ])("%s %s → %s", (first, last, shown) => {
    expect(displayNameOf(first, last)).toBe(shown);
  });
});

const record = (over: Partial<ReviewRecord>): ReviewRecord => ({
  appointmentId: "a",
  clientId: "u",
  displayName: "Amelia R.",
  serviceName: "Lip filler",
  appointmentStart: "2026-06-02T09:00:00.000Z",
  rating: 5,
  createdAt: "2026-06-03T09:00:00.000Z",
  ...over,
});

describe("published reviews", () => {
  it("keeps only published ones, newest publication first, up to the limit", () => {
    const reviews = [
      record({ appointmentId: "old", published: true, publishedAt: "2026-06-04T00:00:00Z" }),
      record({ appointmentId: "hidden", published: false }),
      record({ appointmentId: "new", published: true, publishedAt: "2026-06-06T00:00:00Z" }),
      record({ appointmentId: "mid", published: true, publishedAt: "2026-06-05T00:00:00Z" }),
    ];
    expect(publishedFirst(reviews, 2).map((r) => r.appointmentId)).toEqual(["new", "mid"]);
  });

  it("shows the public no ids and no client", () => {
    const shown = publicReviewView(record({ comment: "Lovely" }));
    expect(shown).toEqual({ author: "Amelia R.", rating: 5, comment: "Lovely", treatment: "Lip filler", date: "2026-06-02" });
  });

  it("dates a treatment by its day in London, not in UTC", () => {
    expect(publicReviewView(record({ appointmentStart: "2026-06-01T23:30:00.000Z" })).date).toBe("2026-06-02");
  });
});
