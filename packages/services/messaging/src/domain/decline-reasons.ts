/**
 * Stripe's decline and error codes (`generic_decline`, `insufficient_funds`…) in plain
 * words for the client's "payment did not go through" mail. Codes that hint at fraud
 * checks (lost, stolen, fraudulent) read like any other bank decline, as Stripe advises;
 * an unknown code gets the general sentence, never the code itself.
 */
const BANK_DECLINED = "Your bank declined the payment.";

const WORDS: Record<string, string> = {
  generic_decline: BANK_DECLINED,
  card_declined: BANK_DECLINED,
  do_not_honor: BANK_DECLINED,
  do_not_try_again: BANK_DECLINED,
  transaction_not_allowed: BANK_DECLINED,
  not_permitted: BANK_DECLINED,
  call_issuer: "Your bank declined the payment — they can tell you why.",
  lost_card: BANK_DECLINED,
  stolen_card: BANK_DECLINED,
  pickup_card: BANK_DECLINED,
  restricted_card: BANK_DECLINED,
  fraudulent: BANK_DECLINED,
  merchant_blacklist: BANK_DECLINED,
  security_violation: BANK_DECLINED,
  insufficient_funds: "The card did not have enough funds.",
  card_velocity_exceeded: "The card has reached its spending limit.",
  withdrawal_count_limit_exceeded: "The card has reached its spending limit.",
  expired_card: "The card has expired.",
  incorrect_cvc: "The card's security code (CVC) was not right.",
  invalid_cvc: "The card's security code (CVC) was not right.",
  incorrect_number: "The card number was not right.",
  invalid_number: "The card number was not right.",
  invalid_expiry_month: "The card's expiry date was not right.",
  invalid_expiry_year: "The card's expiry date was not right.",
  incorrect_zip: "The postcode did not match the card.",
  authentication_required: "Your bank asked you to confirm the payment, and it was not confirmed.",
  payment_intent_authentication_failure: "Your bank asked you to confirm the payment, and it was not confirmed.",
  card_not_supported: "This card cannot be used for this payment.",
  currency_not_supported: "This card cannot be used for this payment.",
  processing_error: "There was a problem processing the card.",
  issuer_not_available: "We could not reach your bank.",
  try_again_later: "We could not reach your bank.",
};

const CODE = /^[a-z0-9_]+$/;

/** A failure reason as the client reads it: Stripe's code in words; a sentence someone already wrote stays as it is. */
export function declineReasonInWords(reason: string | undefined): string {
  const value = reason?.trim() ?? "";
  if (!value) return "";
  if (!CODE.test(value)) return value;
  return WORDS[value] ?? "The payment did not go through.";
}
