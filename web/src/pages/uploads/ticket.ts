import type { APIRoute } from "astro";
import { api, call, type ApiError } from "../../lib/client";
import { parseTicketRequest, type DirectTicket } from "../../features/uploads/direct-upload";

/**
 * A ticket for a browser-direct upload (features/uploads): the form's script posts JSON
 * naming the upload and the file's type and size; this asks the service's own presign
 * route as the visitor (their cookie goes along, so the service checks who may upload
 * what, and its limits stand) and answers `{ fileId, uploadUrl, headers }`, or the
 * service's error with its status. JSON only: a cross-site page cannot send it without a
 * CORS preflight, which the site never grants.
 */
export const POST: APIRoute = async (context) => {
  if (!(context.request.headers.get("content-type") ?? "").startsWith("application/json")) {
    return json(415, { error: { code: "unsupported_media_type", message: "Send the upload request as JSON." } });
  }
  const parsed = parseTicketRequest(await context.request.json().catch(() => undefined));
  if (!parsed.ok) return json(400, { error: { code: "validation_failed", message: parsed.message, fields: parsed.fields } });
  const { booking, documents } = api(context);
  let result: { ok: true; ticket: DirectTicket } | { ok: false; status: number; error: ApiError };
  if (parsed.kind === "client-photo") {
    const res = await call(documents.admin.photos.$post({ json: parsed.json as Parameters<typeof documents.admin.photos.$post>[0]["json"] }));
    result = res.ok ? { ok: true, ticket: { fileId: res.data.fileId, uploadUrl: res.data.uploadUrl, headers: res.data.headers } } : { ok: false, status: res.status, error: res.error };
  } else if (parsed.kind === "entry-proof") {
    const res = await call(documents.me["entry-proofs"].$post({ json: parsed.json as Parameters<(typeof documents.me)["entry-proofs"]["$post"]>[0]["json"] }));
    result = res.ok ? { ok: true, ticket: { fileId: res.data.fileId, uploadUrl: res.data.uploadUrl, headers: res.data.headers } } : { ok: false, status: res.status, error: res.error };
  } else {
    const res = await call(booking.admin.media.$post({ json: parsed.json as Parameters<typeof booking.admin.media.$post>[0]["json"] }));
    result = res.ok ? { ok: true, ticket: { fileId: res.data.mediaId, uploadUrl: res.data.uploadUrl, headers: res.data.headers } } : { ok: false, status: res.status, error: res.error };
  }
  if (result.ok) return json(200, result.ticket);
  // The service's own 4xx (with its field messages) passes through; anything else is the site's 502.
  return json(result.status >= 400 && result.status < 500 ? result.status : 502, { error: result.error });
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}
