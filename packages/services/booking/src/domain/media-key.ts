import * as z from "zod";

/** A public picture's key as the profile and treatments store it (`media/<ULID>.<ext>`; public-media.ts uploads them). */
export const MediaKey = z.string().regex(/^media\/[0-9A-Z]{26}\.(?:png|jpg|webp)$/, "Not one of the clinic's uploaded pictures");
/** A picture's public name (the last part of its address). */
export const MediaName = z.string().regex(/^[0-9A-Z]{26}\.(?:png|jpg|webp)$/, "No such picture");
