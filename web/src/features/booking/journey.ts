/**
 * The "first step, then the treatment" journey: a patch test or consultation booked for a
 * treatment carries that treatment's slug (`?for=`) through the booking, and the confirmation
 * (`?then=`) offers to choose a time for it. Slugs are checked before they go into a URL.
 */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const isSlug = (value: string | null | undefined): value is string => !!value && value.length <= 80 && SLUG.test(value);

/** Booking a patch test or consultation for `treatment`. */
export const firstStepHref = (firstStep: string, treatment: string) => `/book/${encodeURIComponent(firstStep)}?for=${encodeURIComponent(treatment)}`;

/** Where a booking made for `treatment` lands: its confirmation, asking to continue with the treatment. */
export function withThen(location: string, treatment: string | undefined): string {
  if (!treatment || !isSlug(treatment)) return location;
  const url = new URL(location, "http://x");
  url.searchParams.set("then", treatment);
  return url.pathname + url.search;
}
