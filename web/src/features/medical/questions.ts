/**
 * The short medical questionnaire: what the form asks, how a submitted form becomes the
 * API body (typed from booking's `MedicalInput` schema), and how a saved version fills
 * the form again.
 */
import type { MedicalAnswers, MedicalInput } from "../../lib/shapes";

export type { MedicalAnswers, MedicalInput, MedicalVersion } from "../../lib/shapes";

type YesNo = Exclude<keyof MedicalAnswers, "isotretinoin">;

export const YES_NO_QUESTIONS: { name: YesNo; text: string; hint?: string }[] = [
  { name: "pregnant", text: "Are you pregnant, or could you be?" },
  { name: "breastfeeding", text: "Are you breastfeeding?" },
  { name: "takesAnticoagulants", text: "Do you take blood thinners?", hint: "For example warfarin, apixaban, rivaroxaban, clopidogrel or daily aspirin." },
  { name: "allergicToLidocaine", text: "Are you allergic to lidocaine or other local anaesthetics?" },
  { name: "allergicToHyaluronidase", text: "Are you allergic to hyaluronidase?", hint: "The enzyme used to dissolve filler. Answer no if you have never been told so." },
  { name: "autoimmuneCondition", text: "Do you have an autoimmune condition?", hint: "For example lupus, rheumatoid arthritis or scleroderma." },
  { name: "keloidScarring", text: "Do you form raised (keloid) scars?" },
];

export const TEXT_QUESTIONS: { name: Exclude<keyof MedicalInput, "answers">; label: string; hint: string }[] = [
  { name: "medications", label: "Medicines you take", hint: "Including the pill, supplements and skin creams. Leave blank if none." },
  { name: "allergies", label: "Allergies", hint: "Medicines, foods, latex, plasters. Leave blank if none." },
  { name: "conditions", label: "Medical conditions", hint: "Past or present, e.g. diabetes, epilepsy, cold sores. Leave blank if none." },
  { name: "previousTreatments", label: "Previous aesthetic treatments", hint: "What, when and where, if any." },
];

export const field = (name: string) => `m_${name}`;

/** Form values → API body, or the per-field problems (keyed by form field name). */
export function medicalFromForm(values: Record<string, string>): { input?: MedicalInput; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const answers: Partial<Record<YesNo, boolean>> = {};
  for (const q of YES_NO_QUESTIONS) {
    const value = values[field(q.name)];
    if (value === "yes" || value === "no") answers[q.name] = value === "yes";
    else fields[field(q.name)] = `${q.text.replace(/\?$/, "")}: answer yes or no`;
  }
  const status = values[field("isotretinoin")];
  let isotretinoin: MedicalAnswers["isotretinoin"] | undefined;
  if (status === "never" || status === "current") isotretinoin = { status };
  else if (status === "stopped") {
    // Only whether it was given: booking judges the date itself (its message comes back on the field).
    const lastDoseOn = (values[field("lastDoseOn")] ?? "").trim();
    if (lastDoseOn) isotretinoin = { status, lastDoseOn };
    else fields[field("lastDoseOn")] = "Enter the date of your last isotretinoin dose (an estimate is fine)";
  } else fields[field("isotretinoin")] = "Tell us whether you have taken isotretinoin (Roaccutane)";
  if (Object.keys(fields).length || !isotretinoin) return { fields };
  const text = (name: string) => (values[field(name)] ?? "").trim();
  return {
    fields,
    input: {
      answers: { ...(answers as Record<YesNo, boolean>), isotretinoin },
      medications: text("medications"),
      allergies: text("allergies"),
      conditions: text("conditions"),
      previousTreatments: text("previousTreatments"),
    },
  };
}

/** A saved version as form values (to edit it). */
export function formFromMedical(version: MedicalInput | null | undefined): Record<string, string> {
  if (!version) return {};
  const values: Record<string, string> = {};
  for (const q of YES_NO_QUESTIONS) values[field(q.name)] = version.answers[q.name] ? "yes" : "no";
  values[field("isotretinoin")] = version.answers.isotretinoin.status;
  if (version.answers.isotretinoin.status === "stopped") values[field("lastDoseOn")] = version.answers.isotretinoin.lastDoseOn;
  for (const q of TEXT_QUESTIONS) values[field(q.name)] = version[q.name] ?? "";
  return values;
}

/** API field paths (`answers.pregnant`) → form field names. */
export function medicalFieldNames(fields: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const name = path.replace(/^answers\./, "").replace(/^isotretinoin\.lastDoseOn$/, "lastDoseOn").split(".")[0]!;
    out[field(name)] = message;
  }
  return out;
}
