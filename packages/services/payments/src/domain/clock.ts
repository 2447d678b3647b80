/**
 * Where payments' HTTP and event handlers get "now" from (hold expiry checks, history and
 * list dates). Domain functions take `now` as a parameter; only the edges call
 * `clock.now()`. Flow tests point it at the local scheduler's manual clock so booking,
 * messaging and payments agree on the time.
 */
let source: () => Date = () => new Date();

export const clock = {
  now: (): Date => source(),
  /** Replace the time source (tests); `clock.use()` restores the real clock. */
  use(next?: () => Date): void {
    source = next ?? (() => new Date());
  },
};
