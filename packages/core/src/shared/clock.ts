/**
 * Where booking's HTTP and event handlers get "now" from. Domain functions take `now` as a
 * parameter; only the edges call `clock.now()`. The local platform's tests point it at the
 * scheduler's manual clock, so advancing that clock moves hold expiry, availability and
 * schedules together.
 */
let source: () => Date = () => new Date();

export const clock = {
  now: (): Date => source(),
  /** Replace the time source (tests); `clock.use()` restores the real clock. */
  use(next?: () => Date): void {
    source = next ?? (() => new Date());
  },
};
