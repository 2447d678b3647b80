import * as z from "zod";

/** Path ids: ULIDs and verification ids are short and URL-safe; anything else is a 400. */
export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not an id");
export const idParam = z.object({ id });
