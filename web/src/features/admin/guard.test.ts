import { describe, expect, it } from "vitest";
import { adminAccess, isAdminPath } from "./guard";

describe("the back office guard", () => {
  it.each([
    ["/admin", true],
    ["/admin/", true],
    ["/admin/diary", true],
    ["/ADMIN/Diary", true],
    ["/administrator", false],
    ["/account", false],
    ["/", false],
  ])("%s is an admin path: %s", (path, expected) => {
    expect(isAdminPath(path)).toBe(expected);
  });

  it.each([
    [null, "sign-in"],
    [{ roles: ["client"] as const }, "forbidden"],
    [{ roles: ["student"] as const }, "forbidden"],
    [{ roles: ["client", "student"] as const }, "forbidden"],
    [{ roles: ["owner"] as const }, "allow"],
    [{ roles: ["client", "owner"] as const }, "allow"],
  ])("%j → %s", (user, expected) => {
    expect(adminAccess(user ? { roles: [...user.roles] } : null)).toBe(expected);
  });
});
