/**
 * Uploads straight from the browser to S3, as progressive enhancement on the upload forms
 * (client photos, entry proofs, the clinic's public pictures). In AWS the site's server is
 * a Lambda, whose request payload is capped at 6 MB — 4.5 MB of form, which arrives
 * base64-encoded: a form posting a bigger file through
 * it is refused before our code runs. With JavaScript, the form's script (browser.ts) asks
 * the site for a ticket (pages/uploads/ticket.ts: the service's own presign route, asked
 * with the visitor's cookie), PUTs the file to the presigned URL with the signed headers,
 * then submits the form with only the file's id, and the page asks the service to check
 * what arrived (size and magic bytes). Without JavaScript the file still goes through the
 * site, so above NO_SCRIPT_MAX_BYTES the page says so plainly rather than fail.
 *
 * Shared by the browser script, the ticket endpoint and the pages: no server-only imports.
 */

/** The largest file a form may post through the site's server: 4 MB, leaving room under Lambda's 4.5 MB of (base64-encoded) form for the rest of it. */
export const NO_SCRIPT_MAX_BYTES = 4 * 1024 * 1024;

export const NO_SCRIPT_TOO_LARGE = "The file is larger than 4 MB: turn on JavaScript or choose a smaller file";

/** Said by a file field when scripts are off. */
export const NO_SCRIPT_HINT = "With JavaScript off, files up to 4 MB.";

/** The hidden field a direct upload adds: the id of the file already in storage, for the page to confirm. */
export const UPLOADED_FIELD = "uploadedFileId";

/** The hidden field a form adds when it left a file too big for the site out, to be asked for again on the next page. */
export const DEFERRED_FIELD = "fileDeferred";

/** True when a file posted through the site is too big for it (without JavaScript). */
export function tooLargeWithoutScript(file: { size: number }): boolean {
  return file.size > NO_SCRIPT_MAX_BYTES;
}

/** The uploads a form can ask a ticket for, each one service's presign route. */
export const UPLOAD_KINDS = ["client-photo", "entry-proof", "media"] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** What the ticket endpoint answers: where to PUT, with which headers, and the id to confirm. */
export interface DirectTicket {
  fileId: string;
  uploadUrl: string;
  headers: Record<string, string>;
}

/** The type the browser reported, as the services name it (a `.jpeg` is `image/jpeg`). */
export function normalisedType(type: string): string {
  return type === "image/jpg" || type === "image/pjpeg" ? "image/jpeg" : type;
}

/**
 * The ticket request a form sends: its kind, the form's fixed parameters (data-upload-params,
 * e.g. the client's id) and the named form fields it maps (data-upload-fields: ticket name →
 * form field, e.g. label → ph_label; empty values are left out), with the file's type and size.
 */
export function ticketRequest(
  kind: string,
  params: Record<string, string>,
  fieldMap: Record<string, string>,
  fields: Record<string, string>,
  file: { type: string; size: number },
): Record<string, unknown> {
  const mapped: Record<string, string> = {};
  for (const [name, field] of Object.entries(fieldMap)) {
    const value = (fields[field] ?? "").trim();
    if (value) mapped[name] = value;
  }
  return { kind, ...params, ...mapped, contentType: normalisedType(file.type), size: file.size };
}

/** The parts of a ticket request the site checks before asking the service (which checks the rest, with its own messages). */
export type ParsedTicketRequest =
  | { ok: true; kind: "client-photo"; json: { clientId: string; contentType: string; size: number; label: "before" | "after" | "other"; treatmentId?: string } }
  | { ok: true; kind: "entry-proof"; json: { enrollmentId: string; contentType: string; size: number } }
  | { ok: true; kind: "media"; json: { purpose: "treatment" | "logo" | "portrait"; contentType: string; size: number } }
  | { ok: false; message: string; fields: Record<string, string> };

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** Reads a ticket request's JSON; a clear reason (per field) when it is not one. */
export function parseTicketRequest(body: unknown): ParsedTicketRequest {
  const input = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const kind = text(input.kind);
  if (!(UPLOAD_KINDS as readonly string[]).includes(kind)) fields.kind = `Expected one of ${UPLOAD_KINDS.join(", ")}`;
  const contentType = text(input.contentType);
  if (!contentType) fields.contentType = "Choose a file";
  const size = input.size;
  if (typeof size !== "number" || !Number.isInteger(size) || size <= 0) fields.size = "Expected the file's size in bytes";
  const need = (name: string) => {
    const value = text(input[name]);
    if (!value) fields[name] = "Required";
    return value;
  };
  let result: ParsedTicketRequest | undefined;
  if (kind === "client-photo") {
    const clientId = need("clientId");
    const label = (["before", "after", "other"] as const).find((l) => l === input.label) ?? "other";
    const treatmentId = text(input.treatmentId);
    result = { ok: true, kind, json: { clientId, contentType, size: size as number, label, ...(treatmentId ? { treatmentId } : {}) } };
  } else if (kind === "entry-proof") {
    result = { ok: true, kind, json: { enrollmentId: need("enrollmentId"), contentType, size: size as number } };
  } else if (kind === "media") {
    const purpose = (["treatment", "logo", "portrait"] as const).find((p) => p === input.purpose);
    if (!purpose) fields.purpose = "Expected treatment, logo or portrait";
    result = { ok: true, kind, json: { purpose: purpose ?? "treatment", contentType, size: size as number } };
  }
  if (Object.keys(fields).length > 0 || !result) return { ok: false, message: "That upload request is not one the site knows.", fields };
  return result;
}
