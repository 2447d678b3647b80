/**
 * Raw card details as Stripe.js sends them on confirm (`payment_method_data[card][number]`
 * …, publishable key): Stripe's test card numbers decide the outcome, like test mode does.
 */
import { cardError, invalidRequest, missingParam } from "./errors";
import type { FormObject } from "./form";
import { optObject, optString } from "./params";

/**
 * What a test card does when charged:
 * - `authenticate`: 3-D Secure on every charge (on-session `requires_action`; off-session a
 *   402 `authentication_required`), like 4000 0027 6000 3184;
 * - `authenticate_unless_saved`: 3-D Secure on-session, but off-session charges of the card
 *   once saved on the customer succeed, like 4000 0025 0000 3155;
 * - `dispute`: succeeds, then the cardholder disputes it (`charge.dispute.created`);
 * - `delayed_succeed` / `delayed_fail`: a bank debit (SEPA, Bacs) that goes through
 *   `processing` and settles later.
 */
export type CardOutcome = "succeed" | "decline" | "authenticate" | "authenticate_unless_saved" | "dispute" | "delayed_succeed" | "delayed_fail";

export interface CardBehaviour {
  outcome: CardOutcome;
  /** For declines: Stripe's `decline_code` (default `generic_decline`). */
  declineCode?: string;
}

export interface EnteredCard extends CardBehaviour {
  last4: string;
  brand: string;
  expMonth: number;
  expYear: number;
}

/** https://docs.stripe.com/testing#cards — the ones the fake understands. */
const TEST_NUMBERS: Record<string, CardBehaviour & { brand: string }> = {
  "4242424242424242": { brand: "visa", outcome: "succeed" },
  "4000056655665556": { brand: "visa", outcome: "succeed" },
  "5555555555554444": { brand: "mastercard", outcome: "succeed" },
  "378282246310005": { brand: "amex", outcome: "succeed" },
  "4000000000000002": { brand: "visa", outcome: "decline" },
  "4000000000009995": { brand: "visa", outcome: "decline", declineCode: "insufficient_funds" },
  "4000002500003155": { brand: "visa", outcome: "authenticate_unless_saved" },
  "4000002760003184": { brand: "visa", outcome: "authenticate" },
  "4000000000000259": { brand: "visa", outcome: "dispute" },
};

/** Reads `payment_method_data` (type card); invalid numbers and dates fail as Stripe's card errors do. */
export function cardFromPaymentMethodData(params: FormObject, now = new Date()): EnteredCard {
  const data = optObject(params, "payment_method_data");
  if (!data) throw missingParam("payment_method_data");
  if (optString(data, "type") !== "card") throw invalidRequest("The local fake Stripe only emulates payment_method_data[type]=card.", "payment_method_data[type]");
  const card = optObject(data, "card");
  if (!card) throw missingParam("payment_method_data[card]");
  const number = (optString(card, "number") ?? "").replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(number) || !passesLuhn(number)) throw cardError("incorrect_number", "Your card number is incorrect.", { param: "number" });
  const expMonth = Number(optString(card, "exp_month"));
  const rawYear = Number(optString(card, "exp_year"));
  const expYear = rawYear < 100 ? 2000 + rawYear : rawYear;
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) throw cardError("invalid_expiry_month", "Your card's expiration month is invalid.", { param: "exp_month" });
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (!Number.isInteger(expYear) || expYear * 12 + expMonth - 1 < thisMonth) throw cardError("invalid_expiry_year", "Your card's expiration year is invalid.", { param: "exp_year" });
  if (!/^\d{3,4}$/.test(optString(card, "cvc") ?? "")) throw cardError("incorrect_cvc", "Your card's security code is incorrect.", { param: "cvc" });
  const known = TEST_NUMBERS[number];
  if (!known) {
    throw cardError("card_declined", "Your card was declined. Your request was in test mode, but used a non test card. For a list of valid test cards, visit: https://stripe.com/docs/testing.", { decline_code: "test_mode_live_card" });
  }
  return { last4: number.slice(-4), brand: known.brand, expMonth, expYear, outcome: known.outcome, ...(known.declineCode ? { declineCode: known.declineCode } : {}) };
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
