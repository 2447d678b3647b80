import type { APIRoute } from "astro";
import { api, call } from "../../../../lib/client";

/**
 * Downloads a certificate's PDF: Documents keeps it (rendered when the certificate was
 * issued) and hands out a one-minute presigned link to its owner only; this redirects there.
 */
export const GET: APIRoute = async (context) => {
  if (!context.locals.user) return context.redirect(`/signin?next=${encodeURIComponent(context.url.pathname)}`);
  const docs = await call(api(context).documents.me.documents.$get());
  const document = docs.ok ? docs.data.documents.find((d) => d.kind === "certificate" && d.subjectId === context.params.id) : undefined;
  if (!document) return new Response("No certificate PDF here yet. Go back and try again in a minute.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const link = await call(api(context).documents.documents[":documentId"].download.$get({ param: { documentId: document.documentId } }));
  if (!link.ok) return new Response("The certificate could not be fetched. Please try again.", { status: 502, headers: { "content-type": "text/plain; charset=utf-8" } });
  return context.redirect(link.data.url, 302);
};
