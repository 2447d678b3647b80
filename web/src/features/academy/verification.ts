/** A verification code as Learning issues them (URL-safe, at most 64 characters); anything else is not one. */
export const isVerificationCode = (code: string) => /^[A-Za-z0-9_-]{1,64}$/.test(code);
