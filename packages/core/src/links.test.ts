import { describe, expect, it } from "vitest";
import { siteLinks, sitePaths, type SiteLinks } from "./links";

const links = siteLinks("https://clinic.example/");

describe("siteLinks", () => {
  it.each<[string, (l: SiteLinks) => string, string]>([
    ["home", (l) => l.site(), "https://clinic.example"],
    ["account", (l) => l.account(), "https://clinic.example/account"],
    ["an appointment", (l) => l.appointment("01J9"), "https://clinic.example/account/appointments/01J9"],
    ["its review", (l) => l.review("01J9"), "https://clinic.example/account/appointments/01J9/review"],
    ["a waitlist offer", (l) => l.waitlistOffer("W1"), "https://clinic.example/account/waitlist/W1"],
    ["booking a treatment again", (l) => l.book("lip-filler"), "https://clinic.example/book/lip-filler"],
    ["booking without a known treatment", (l) => l.book(), "https://clinic.example/treatments"],
    ["the booking confirmation", (l) => l.bookingConfirmation("A1"), "https://clinic.example/book/confirmation?appointment=A1"],
    ["paying a held booking's deposit", (l) => l.payDeposit("A1"), "https://clinic.example/book/pay?appointment=A1"],
    ["a treatment", (l) => l.treatment("lip-filler"), "https://clinic.example/treatments/lip-filler"],
    ["a receipt", (l) => l.receipt("P1"), "https://clinic.example/account/payments/P1"],
    ["paying a fee", (l) => l.payFee("fee", "A1"), "https://clinic.example/account/payments/pay?kind=fee&subject=A1"],
    ["a password reset", (l) => l.resetPassword("t0k"), "https://clinic.example/reset-password?token=t0k"],
    ["a course", (l) => l.course("foundation"), "https://clinic.example/courses/foundation"],
    ["a certificate", (l) => l.certificate("MAS-7F3K"), "https://clinic.example/certificates/MAS-7F3K"],
    ["a document", (l) => l.document("D1"), "https://clinic.example/account/documents/D1"],
    ["an unsubscribe", (l) => l.unsubscribe("u1"), "https://clinic.example/api/messaging/unsubscribe?token=u1"],
    ["a public picture", (l) => l.publicMedia("media/01J00000000000000000000000.png"), "https://clinic.example/api/booking/media/01J00000000000000000000000.png"],
  ])("builds %s", (_, build, expected) => {
    expect(build(links)).toBe(expected);
  });

  it("encodes what it is given, so an id or token cannot change the path or add parameters", () => {
    expect(links.appointment("a/../b?x=1")).toBe("https://clinic.example/account/appointments/a%2F..%2Fb%3Fx%3D1");
    expect(links.resetPassword("a&b=c d")).toBe("https://clinic.example/reset-password?token=a%26b%3Dc+d");
    expect(new URL(links.payFee("fee", "x&kind=deposit")).searchParams.getAll("kind")).toEqual(["fee"]);
  });

  it("drops any number of trailing slashes from the site URL", () => {
    expect(siteLinks("http://localhost:3000///").account()).toBe("http://localhost:3000/account");
  });

  it("gives pages the same paths relative to the site", () => {
    expect(sitePaths.site()).toBe("/");
    expect(sitePaths.review("A1")).toBe("/account/appointments/A1/review");
    expect(sitePaths.waitlistOffer("W1")).toBe("/account/waitlist/W1");
  });
});
