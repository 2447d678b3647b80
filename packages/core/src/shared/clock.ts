/**
 * The one clock: where HTTP and event handlers get "now" from. Domain functions take `now`
 * as a parameter; only the edges call `clock.now()`. The local platform's tests point it at
 * the scheduler's manual clock, so advancing that clock moves holds, reminders, payments
 * and availability together in every service.
 */
let source: () => Date = () => new Date();

export const clock = {
  now: (): Date => source(),
  /** Replace the time source (tests); returns a function that restores the previous one. `clock.use()` restores the real clock. */
  use(next?: () => Date): () => void {
    const previous = source;
    source = next ?? (() => new Date());
    return () => {
      source = previous;
    };
  },
};
