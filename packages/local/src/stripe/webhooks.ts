/**
 * Webhook delivery: each event is POSTed (raw JSON, `Stripe-Signature` made with the SDK's
 * `generateTestHeaderString`) to the current webhook URL, one event at a time in creation
 * order, retried with a short backoff on a non-2xx answer or a network error.
 */
import Stripe from "stripe";
import type { EventObject } from "./objects";

export interface WebhookDelivery {
  eventId: string;
  type: string;
  /** HTTP status of the attempt, 0 when the request failed (refused, timed out...). */
  status: number;
  /** 1 for the first attempt, 2+ for retries. */
  attempt: number;
}

export interface DispatcherOptions {
  secret: string;
  url: () => string | undefined;
  /** Waits between attempts; `length + 1` attempts in all. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
}

const DEFAULT_RETRY_DELAYS_MS = [100, 300, 900] as const;

export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  private tail: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  constructor(private readonly options: DispatcherOptions) {}

  enqueue(event: EventObject): void {
    if (this.stopped) return;
    this.tail = this.tail.then(() => this.deliver(event)).catch(() => undefined);
  }

  /** Resolves once every event queued so far has been delivered (or given up on). */
  idle(): Promise<void> {
    return this.tail;
  }

  /** Abandons pending retries; nothing is delivered afterwards. */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
    for (const pending of this.timers) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    this.timers.clear();
  }

  private async deliver(event: EventObject): Promise<void> {
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 1; attempt <= delays.length + 1 && !this.stopped; attempt++) {
      const url = this.options.url();
      if (!url) return;
      const status = await this.post(url, payload);
      if (this.stopped) return;
      this.deliveries.push({ eventId: event.id, type: event.type, status, attempt });
      if (status >= 200 && status < 300) return;
      const delay = delays[attempt - 1];
      if (delay !== undefined) await this.sleep(delay);
    }
  }

  private async post(url: string, payload: string): Promise<number> {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.options.secret });
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks) local-fake" },
        body: payload,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.timeoutMs ?? 5_000)]),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch {
      return 0;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const pending = {
        timer: setTimeout(() => {
          this.timers.delete(pending);
          resolve();
        }, ms),
        resolve,
      };
      this.timers.add(pending);
    });
  }
}
