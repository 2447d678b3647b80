import * as z from "zod";
import { COMMON_PASSWORDS } from "./common-passwords";

/**
 * What a new password must be (NIST SP 800-63B): long enough, not one of the most common
 * passwords, and not absurdly long (scrypt cost grows with input; 128 is plenty for
 * passphrases). No composition rules: they push people to `Password1!`.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** Why a password is refused, in words for the form; undefined when acceptable. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters`;
  if (isCommonPassword(password)) return "This password is too common; choose something less guessable";
  return undefined;
}

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.trim().toLowerCase());
}

/** A password being chosen (register, reset, change): the policy as a zod schema. */
export const newPasswordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
