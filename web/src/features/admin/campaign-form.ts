/**
 * The campaign form: by mail or by text, an audience (roles, treatment categories, last
 * visit, course) and a message, sent now or at a London date and time. Messaging validates everything; this
 * reads the fields (checkboxes arrive as repeated names, so the raw FormData is used).
 */
import { instantFrom } from "./record-form";

export interface AudienceInput {
  roles?: string[];
  serviceCategories?: string[];
  lastVisitBefore?: string;
  lastVisitAfter?: string;
  hasActiveCourse?: boolean;
}

export function audienceFrom(form: FormData): AudienceInput {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const roles = form.getAll("roles").map(String).filter(Boolean);
  const categories = form.getAll("categories").map(String).filter(Boolean);
  const course = text("course");
  return {
    ...(roles.length ? { roles } : {}),
    ...(categories.length ? { serviceCategories: categories } : {}),
    ...(text("lastVisitBefore") ? { lastVisitBefore: text("lastVisitBefore") } : {}),
    ...(text("lastVisitAfter") ? { lastVisitAfter: text("lastVisitAfter") } : {}),
    ...(course === "yes" ? { hasActiveCourse: true } : course === "no" ? { hasActiveCourse: false } : {}),
  };
}

export type Channel = "email" | "sms";

/** Mail unless the owner chose a text. */
export function channelFrom(form: FormData): Channel {
  return form.get("channel") === "sms" ? "sms" : "email";
}

/** What the live count says, for either channel (the page renders it and the script updates it). */
export function countSentence(count: { matching: number; noConsent: number; unsubscribed: number; noMobile?: number }, channel: Channel): string {
  if (channel === "sms") return ` will receive it: ${count.matching} match, of whom ${count.noConsent} have not agreed to offers by text and ${count.noMobile ?? 0} have no mobile number.`;
  return ` will receive it: ${count.matching} match, of whom ${count.noConsent} have not agreed to marketing email and ${count.unsubscribed} unsubscribed.`;
}

export function campaignFrom(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  return {
    ...(channelFrom(form) === "sms" ? { channel: "sms" as const } : {}),
    name: text("name"),
    headline: text("headline"),
    body: text("body"),
    ...(text("ctaUrl") ? { ctaUrl: text("ctaUrl") } : {}),
    audience: audienceFrom(form),
    ...(text("when") === "later" ? { sendAt: instantFrom(text("sendDate"), text("sendTime")) } : {}),
  };
}

/** Messaging's error paths → this form's inputs. */
export function campaignFieldOf(path: string): string {
  if (path === "sendAt") return "sendDate";
  if (path.startsWith("audience.")) return path.split(".")[1] === "serviceCategories" ? "categories" : path.split(".")[1]!;
  return path;
}
