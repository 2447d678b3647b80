import { describe, expect, it } from "vitest";
import { publicOrigin, siteOrigin } from "./visitor";

describe("siteOrigin (where a payment returns the visitor)", () => {
  it.each([
    ["http://127.0.0.1:3000/book/pay", "http://localhost:3000", "http://127.0.0.1:3000"],
    ["http://localhost:3000/book/pay", "http://localhost:3000", "http://localhost:3000"],
    ["http://localhost:4321/book/pay", "", "http://localhost:4321"],
    ["https://masteraesthetics.co.uk/book/pay", "https://masteraesthetics.co.uk", "https://masteraesthetics.co.uk"],
    ["https://abc123.lambda-url.eu-west-2.on.aws/book/pay", "https://masteraesthetics.co.uk", "https://masteraesthetics.co.uk"],
  ])("%s with SITE_URL %s → %s", (request, site, origin) => {
    expect(siteOrigin(new URL(request), site)).toBe(origin);
  });
});

describe("publicOrigin", () => {
  it("prefers SITE_URL without its trailing slash, else the request's origin", () => {
    expect(publicOrigin(new URL("http://localhost:3100/x"), "https://clinic.example/")).toBe("https://clinic.example");
    // "" (no SITE_URL), not undefined: undefined would fall back to this process's SITE_URL, which other tests in the run set.
    expect(publicOrigin(new URL("http://localhost:3100/x"), "")).toBe("http://localhost:3100");
  });
});
