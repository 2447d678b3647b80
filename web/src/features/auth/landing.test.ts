import { describe, expect, it } from "vitest";
import { landingFor, needsHoldings, type Holdings } from "./landing";

type Roles = ("owner" | "client" | "student")[];
const none: Holdings = { upcomingAppointments: 0, coursesInProgress: 0 };

describe("landingFor", () => {
  it.each<[string, Roles | null, Holdings | undefined, string]>([
    ["nobody", null, undefined, "/account"],
    ["the owner", ["owner"], undefined, "/admin"],
    ["an owner who also studies", ["owner", "student"], { upcomingAppointments: 0, coursesInProgress: 2 }, "/admin"],
    ["a client", ["client"], undefined, "/account"],
    ["a student", ["student"], undefined, "/learn"],
    ["a student with nothing yet", ["student"], none, "/learn"],
    ["both, not yet looked", ["client", "student"], undefined, "/account"],
    ["both, a course in progress and nothing booked", ["client", "student"], { upcomingAppointments: 0, coursesInProgress: 1 }, "/learn"],
    ["both, an appointment coming up and a course", ["client", "student"], { upcomingAppointments: 1, coursesInProgress: 1 }, "/account"],
    ["both, an appointment and no course in progress", ["client", "student"], { upcomingAppointments: 2, coursesInProgress: 0 }, "/account"],
    ["both, nothing at all", ["client", "student"], none, "/account"],
  ])("%s → %s", (_, roles, holdings, expected) => {
    expect(landingFor(roles ? { roles } : null, holdings)).toBe(expected);
  });
});

describe("needsHoldings", () => {
  it.each<[Roles | null, boolean]>([
    [null, false],
    [["client"], false],
    [["student"], false],
    [["owner", "client", "student"], false],
    [["client", "student"], true],
  ])("%j → %s", (roles, expected) => expect(needsHoldings(roles ? { roles } : null)).toBe(expected));
});
