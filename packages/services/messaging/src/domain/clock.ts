/**
 * Messaging's notion of "now" for the few decisions that need it (which workflow steps
 * are already past when a booking is confirmed, history timestamps). Production reads the
 * system clock; flow tests point it at the local scheduler's manual clock, so the bus,
 * the scheduler and the handlers agree on the time. Pure code takes `now` as a parameter.
 */
let source: () => Date = () => new Date();

export function now(): Date {
  return source();
}

/** Replaces the clock; returns a function that restores the previous one. */
export function useClock(clock: () => Date): () => void {
  const previous = source;
  source = clock;
  return () => {
    source = previous;
  };
}
