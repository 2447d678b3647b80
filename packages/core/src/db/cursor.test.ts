import { describe, expect, it } from "vitest";
import { isCursorRejection, openCursor, sealCursor } from "./cursor";

const electroCursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString("base64url");
const key = electroCursor({ pk: "$mas#userid_u1", sk: "$message_1#sentat_2026-06-01" });

describe("page cursors", () => {
  it("round-trips ElectroDB's cursor for the same scope, and the last page has none", () => {
    const token = sealCursor(key, ["messaging.me", "u1"]);
    expect(token).not.toContain("pk");
    expect(openCursor(token!, ["messaging.me", "u1"])).toBe(key);
    expect(sealCursor(null, ["messaging.me", "u1"])).toBeNull();
    expect(openCursor(undefined, ["x"])).toBeNull();
    expect(openCursor("", ["x"])).toBeNull();
  });

  it.each([
    ["junk", "abc"],
    ["ElectroDB's raw cursor", key],
    ["another person's page", sealCursor(key, ["messaging.me", "u2"])!],
    ["another filter's page", sealCursor(key, ["accounts.users", "owner", "client", null])!],
    ["a truncated token", sealCursor(key, ["messaging.me", "u1"])!.slice(0, 30)],
    ["a token around junk", Buffer.from(JSON.stringify({ v: 1, s: "x", c: "abc" })).toString("base64url")],
    ["a non-JSON base64", Buffer.from("\u0000\u0001").toString("base64url")],
    ["JSON null", Buffer.from("null").toString("base64url")],
  ])("refuses %s with a 400 naming the cursor", (_name, token) => {
    expect(() => openCursor(token, ["messaging.me", "u1"])).toThrow(expect.objectContaining({ kind: "bad_request", code: "pagination.bad_cursor", fields: { cursor: expect.any(String) } }));
  });

  it("refuses a well-bound token around something that is not a table key", () => {
    const scope = ["messaging.me", "u1"];
    const fingerprinted = JSON.parse(Buffer.from(sealCursor(key, scope)!, "base64url").toString());
    for (const inner of [electroCursor({}), electroCursor({ pk: { S: "x" } }), electroCursor([1, 2]), electroCursor({ a: 1, b: 2, c: 3, d: 4, e: 5 }), "%%%"]) {
      const token = Buffer.from(JSON.stringify({ ...fingerprinted, c: inner })).toString("base64url");
      expect(() => openCursor(token, scope)).toThrow(expect.objectContaining({ code: "pagination.bad_cursor" }));
    }
  });

  it("recognises ElectroDB's and DynamoDB's cursor errors, also when wrapped", () => {
    expect(isCursorRejection(new Error("Unable to parse cursor"))).toBe(true);
    expect(isCursorRejection(new Error("Error thrown by DynamoDB client", { cause: new Error("The provided starting key is invalid") }))).toBe(true);
    expect(isCursorRejection(new Error("ConditionalCheckFailed"))).toBe(false);
  });
});
