/**
 * The browser half of a direct upload (direct-upload.ts): every form marked
 * `data-direct-upload="<kind>"` sends its chosen file straight to storage, then submits
 * itself with the file's id instead of the file. Attributes on the form:
 *   data-file-field     the file input's name
 *   data-upload-params  JSON of fixed ticket parameters (e.g. {"clientId": "…"})
 *   data-upload-fields  JSON of ticket name → form field (e.g. {"label": "ph_label"})
 * Anything that goes wrong shows as the file field's error, in words; the page is left as it was.
 */
import { DEFERRED_FIELD, NO_SCRIPT_MAX_BYTES, ticketRequest, UPLOADED_FIELD, type DirectTicket } from "./direct-upload";

const PROBLEM_CLASS = "direct-upload-problem";

function jsonAttribute(form: HTMLFormElement, name: string): Record<string, string> {
  try {
    return JSON.parse(form.getAttribute(name) ?? "{}") as Record<string, string>;
  } catch {
    return {};
  }
}

function showProblem(form: HTMLFormElement, input: HTMLInputElement, message: string): void {
  let out = form.querySelector<HTMLElement>(`.${PROBLEM_CLASS}`);
  if (!out) {
    out = document.createElement("p");
    out.className = `error ${PROBLEM_CLASS}`;
    out.id = `${input.id || input.name}-direct-error`;
    out.setAttribute("role", "alert");
    input.before(out);
    input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") ?? ""} ${out.id}`.trim());
  }
  out.textContent = message;
  input.setAttribute("aria-invalid", "true");
  input.focus();
}

function textFields(form: HTMLFormElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) if (typeof value === "string") fields[key] = value;
  return fields;
}

/** Asks the site for a ticket and PUTs the file; the file's id, or the words to show. */
async function upload(form: HTMLFormElement, file: File): Promise<{ fileId: string } | { problem: string }> {
  const body = ticketRequest(form.dataset.directUpload ?? "", jsonAttribute(form, "data-upload-params"), jsonAttribute(form, "data-upload-fields"), textFields(form), file);
  const asked = await fetch("/uploads/ticket", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => undefined);
  if (!asked) return { problem: "The upload could not start. Check your connection and try again." };
  const answer = (await asked.json().catch(() => ({}))) as Partial<DirectTicket> & { error?: { message?: string; fields?: Record<string, string> } };
  if (!asked.ok || !answer.uploadUrl || !answer.fileId) {
    const fields = answer.error?.fields ?? {};
    return { problem: fields.contentType ?? fields.size ?? fields.clientId ?? answer.error?.message ?? "The upload could not start. Please try again." };
  }
  const sent = await fetch(answer.uploadUrl, { method: "PUT", headers: answer.headers ?? {}, body: file }).catch(() => undefined);
  if (!sent?.ok) return { problem: "The upload did not go through. Please try again." };
  return { fileId: answer.fileId };
}

export function enhanceDirectUploads(root: ParentNode = document): void {
  for (const form of root.querySelectorAll<HTMLFormElement>("form[data-direct-upload]")) {
    form.addEventListener("submit", async (event) => {
      if (form.dataset.uploaded === "yes") return; // the second, real submit
      const input = form.querySelector<HTMLInputElement>(`input[type=file][name="${form.dataset.fileField ?? ""}"]`);
      const file = input?.files?.[0];
      const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
      if (!input || !file || (submitter?.name && submitter.name !== "intent")) return; // nothing to send, or another button (e.g. Remove)
      event.preventDefault();
      if (form.dataset.uploading === "yes") return;
      form.dataset.uploading = "yes";
      form.setAttribute("aria-busy", "true");
      const buttons = [...form.querySelectorAll<HTMLButtonElement>("button[type=submit], button:not([type])")];
      for (const button of buttons) button.disabled = true;
      try {
        const result = await upload(form, file);
        if ("problem" in result) {
          showProblem(form, input, result.problem);
          return;
        }
        let id = form.querySelector<HTMLInputElement>(`input[name="${UPLOADED_FIELD}"]`);
        if (!id) {
          id = document.createElement("input");
          id.type = "hidden";
          id.name = UPLOADED_FIELD;
          form.append(id);
        }
        id.value = result.fileId;
        input.disabled = true; // the bytes are in storage: only the id goes to the site
        form.dataset.uploaded = "yes";
        for (const button of buttons) button.disabled = false;
        form.requestSubmit(submitter ?? undefined);
      } finally {
        delete form.dataset.uploading;
        form.removeAttribute("aria-busy");
        if (form.dataset.uploaded !== "yes") for (const button of buttons) button.disabled = false;
      }
    });
  }
}

/**
 * For a form whose file cannot be uploaded directly yet (the enrolment form: the proof
 * belongs to an enrolment that does not exist until the form is sent), marked
 * `data-defer-large-file="<file field>"`: a file too big for the site's server is left out
 * and the form says so (DEFERRED_FIELD), and the next page asks for it again, where it
 * goes straight to storage.
 */
export function deferLargeFiles(root: ParentNode = document): void {
  for (const form of root.querySelectorAll<HTMLFormElement>("form[data-defer-large-file]")) {
    form.addEventListener("submit", () => {
      const input = form.querySelector<HTMLInputElement>(`input[type=file][name="${form.dataset.deferLargeFile ?? ""}"]`);
      const file = input?.files?.[0];
      if (!input || !file || file.size <= NO_SCRIPT_MAX_BYTES) return;
      input.disabled = true;
      const later = document.createElement("input");
      later.type = "hidden";
      later.name = DEFERRED_FIELD;
      later.value = "yes";
      form.append(later);
    });
  }
}
