import type { APIRoute } from "astro";
import { api, call } from "../../../../../lib/client";

/**
 * Opens one clinical photo: documents records the read and hands out a 60-second presigned
 * link (owner only, like every /admin path: the middleware checked before this ran); this
 * redirects there. Nothing is cached: a stale link would outlive its audit entry.
 */
export const GET: APIRoute = async (context) => {
  const link = await call(api(context).documents.admin.photos[":fileId"].download.$get({ param: { fileId: context.params.fileId ?? "" } }));
  if (!link.ok) {
    const status = link.status === 404 || link.status === 400 ? 404 : link.status === 409 ? 409 : 502;
    return new Response(status === 404 ? "There is no such photo." : link.error.message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  return new Response(null, { status: 302, headers: { location: link.data.url, "cache-control": "no-store" } });
};
