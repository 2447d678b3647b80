import { describe, expect, it } from "vitest";
import { declineReasonInWords } from "./decline-reasons";

describe("declineReasonInWords", () => {
  it.each([
    ["generic_decline", "Your bank declined the payment."],
    ["card_declined", "Your bank declined the payment."],
    ["stolen_card", "Your bank declined the payment."], // never hints at a fraud check
    ["insufficient_funds", "The card did not have enough funds."],
    ["expired_card", "The card has expired."],
    ["incorrect_cvc", "The card's security code (CVC) was not right."],
    ["authentication_required", "Your bank asked you to confirm the payment, and it was not confirmed."],
    ["payment_failed", "The payment did not go through."], // unknown code: the general sentence
    ["some_new_code_2027", "The payment did not go through."],
    ["Card declined.", "Card declined."], // already words
    ["", ""],
    [undefined, ""],
  ])("%j → %j", (code, words) => expect(declineReasonInWords(code)).toBe(words));

  it("never shows a code", () => {
    for (const code of ["generic_decline", "do_not_honor", "lost_card", "xyz_abc"]) expect(declineReasonInWords(code)).not.toMatch(/_/);
  });
});
