import type { AstroGlobal } from "astro";
import { problemFrom, type FormProblem } from "../../lib/forms";
import { api, call } from "../../lib/client";
import type { SignedInUser } from "../../lib/shapes";

/**
 * Sign-in and registration as the pages submit them (sign-in page, register page, and the
 * inline forms of the booking page). On success the session cookie is queued for the
 * browser; on failure the form gets the API's message and field errors.
 */
type Result = { ok: true; user: SignedInUser } | { ok: false; problem: FormProblem };

export async function signIn(astro: AstroGlobal, values: Record<string, string>): Promise<Result> {
  const res = await call(api(astro).accounts.login.$post({ json: { email: values.email ?? "", password: values.password ?? "" } }));
  if (res.ok) return { ok: true, user: res.data.user };
  const problem = problemFrom(res.error) ?? { fields: {} };
  if (res.status === 401 && !problem.message) problem.message = "That email and password do not match an account.";
  return { ok: false, problem };
}

/** `intent`: "student" when someone signs up to take a course (they can still book treatments later). */
export async function register(astro: AstroGlobal, values: Record<string, string>, intent: "client" | "student" = "client"): Promise<Result> {
  const json: { firstName: string; lastName: string; email: string; password: string; phone?: string; dateOfBirth?: string; intent?: "client" | "student" } = {
    firstName: values.firstName ?? "",
    lastName: values.lastName ?? "",
    email: values.email ?? "",
    password: values.password ?? "",
  };
  if (values.phone?.trim()) json.phone = values.phone.trim();
  if (values.dateOfBirth?.trim()) json.dateOfBirth = values.dateOfBirth.trim();
  if (intent !== "client") json.intent = intent;
  const res = await call(api(astro).accounts.register.$post({ json }));
  if (res.ok) return { ok: true, user: res.data.user };
  return { ok: false, problem: problemFrom(res.error, { "": "_" }) ?? { fields: {} } };
}
