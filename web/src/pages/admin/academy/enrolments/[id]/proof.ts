import type { APIRoute } from "astro";
import { api, call } from "../../../../../lib/client";

/**
 * Opens a student's entry-requirement proof for the owner (the admin middleware has checked
 * the role; documents checks it again and audits the read): documents hands out a one-minute
 * presigned link, and this redirects there.
 */
export const GET: APIRoute = async (context) => {
  const fileId = context.url.searchParams.get("file") ?? "";
  const link = await call(api(context).documents.admin["entry-proofs"][":fileId"].download.$get({ param: { fileId } }));
  if (!link.ok) return new Response(link.status === 404 || link.status === 400 ? "There is no such proof." : "The proof could not be fetched. Please try again.", { status: link.status === 404 || link.status === 400 ? 404 : 502, headers: { "content-type": "text/plain; charset=utf-8" } });
  return context.redirect(link.data.url, 302);
};
