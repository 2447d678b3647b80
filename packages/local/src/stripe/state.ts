/**
 * In-memory state of the fake: one collection per object type (insertion ordered, so
 * lists are "newest first" by reversing), id generation, event recording, list
 * pagination and `expand[]`.
 */
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import type { CardBehaviour } from "./cards";
import { invalidRequest, noSuch } from "./errors";
import type { FormObject } from "./form";
import type {
  ChargeObject,
  CustomerObject,
  DisputeObject,
  EventObject,
  ListObject,
  PaymentIntentObject,
  PaymentMethodObject,
  RefundObject,
  StoredObject,
} from "./objects";
import { optInt, optString } from "./params";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A Stripe-looking id: `prefix_` + 24 base62 characters. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Who caused the current change (shown in `event.request`). */
export interface RequestContext {
  id: string | null;
  idempotencyKey: string | null;
}

export type EventListener = (event: EventObject) => void;

export class FakeState {
  readonly customers = new Map<string, CustomerObject>();
  readonly deletedCustomers = new Set<string>();
  readonly paymentMethods = new Map<string, PaymentMethodObject>();
  readonly paymentIntents = new Map<string, PaymentIntentObject>();
  readonly charges = new Map<string, ChargeObject>();
  readonly refunds = new Map<string, RefundObject>();
  readonly disputes = new Map<string, DisputeObject>();
  readonly eventsById = new Map<string, EventObject>();
  /** Events in creation order (the live array exposed as `FakeStripe.events`). */
  readonly events: EventObject[] = [];
  /** Return URLs given to create/confirm (`return_url` is not a PaymentIntent field). */
  readonly returnUrls = new Map<string, string>();
  /** What charging each PaymentMethod does (from the test token / number it was made from). */
  readonly behaviours = new Map<string, CardBehaviour>();
  /**
   * PaymentMethods that may not be used again: detached from their customer, or used once
   * for a payment without being attached to one (Stripe answers 400 for either).
   */
  readonly unusablePaymentMethods = new Set<string>();
  /** PaymentIntents in `processing` (bank debits) → how they will settle. */
  readonly pendingSettlements = new Map<string, "succeed" | "fail">();
  /** Called when a PaymentIntent starts processing (the fake schedules its settlement). */
  onProcessing: (paymentIntentId: string) => void = () => undefined;
  /** Test clock offset: `advanceTime` moves the fake's notion of now (idempotency expiry). */
  clockOffsetMs = 0;
  request: RequestContext = { id: null, idempotencyKey: null };

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  constructor(
    private readonly onEvent: EventListener,
    private readonly webhooksEnabled: () => boolean,
    readonly checkoutUrl: (paymentIntentId: string) => string,
  ) {}

  /** Records an event with a deep snapshot of `object` and hands it to the webhook queue. */
  emit(type: string, object: StoredObject, previous?: Record<string, unknown>): EventObject {
    const event: EventObject = {
      id: newId("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: nowSeconds(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: this.webhooksEnabled() ? 1 : 0,
      request: { id: this.request.id, idempotency_key: this.request.idempotencyKey },
      type,
    };
    this.eventsById.set(event.id, event);
    this.events.push(event);
    this.onEvent(event);
    return event;
  }

  /** Any stored object by id (used by `expand[]`). */
  find(id: string): StoredObject | undefined {
    return (
      this.customers.get(id) ??
      this.paymentMethods.get(id) ??
      this.paymentIntents.get(id) ??
      this.charges.get(id) ??
      this.refunds.get(id) ??
      this.disputes.get(id) ??
      this.eventsById.get(id)
    );
  }
}

/** Newest-first page of `items` honouring `limit`, `starting_after`, `ending_before`. */
export function paginate<T extends { id: string }>(items: Iterable<T>, params: FormObject, url: string): ListObject<T> {
  const all = [...items].reverse();
  const limit = optInt(params, "limit") ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest("Invalid limit: must be between 1 and 100", "limit");
  const after = optString(params, "starting_after");
  const before = optString(params, "ending_before");
  if (before) {
    const end = indexOrThrow(all, before, "ending_before");
    const start = Math.max(0, end - limit);
    return { object: "list", data: all.slice(start, end), has_more: start > 0, url };
  }
  const start = after ? indexOrThrow(all, after, "starting_after") + 1 : 0;
  const data = all.slice(start, start + limit);
  return { object: "list", data, has_more: start + limit < all.length, url };
}

function indexOrThrow<T extends { id: string }>(items: T[], id: string, param: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) throw invalidRequest(`Invalid ${param}: no object with id ${id} in this list`, param, "resource_missing");
  return index;
}

/** A deep copy of `value` with each dotted `expand[]` path replaced by the object it names. */
export function expand<T>(state: FakeState, value: T, paths: string[]): T {
  const copy = structuredClone(value);
  for (const path of paths) expandPath(state, copy, path.split("."), path);
  return copy;
}

function expandPath(state: FakeState, node: unknown, segments: string[], full: string): void {
  const [head, ...rest] = segments;
  if (head === undefined || node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) expandPath(state, item, segments, full);
    return;
  }
  const record = node as Record<string, unknown>;
  if (!(head in record)) throw invalidRequest(`This property cannot be expanded (${full}).`, "expand");
  const current = record[head];
  if (typeof current === "string") {
    const found = state.find(current);
    if (!found) return;
    record[head] = structuredClone(found);
  }
  if (rest.length > 0) expandPath(state, record[head], rest, full);
}

/** The intent, or Stripe's 404 for an unknown id (shared by intents, charges and refunds). */
export function requirePaymentIntent(state: FakeState, id: string, param = "id"): PaymentIntentObject {
  const pi = state.paymentIntents.get(id);
  if (!pi) throw noSuch("payment_intent", id, param);
  return pi;
}

/** An amount as Stripe's dashboard and mails show it. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-GB", { style: "currency", currency: currency.toUpperCase() }).format(amount / 100);
  } catch {
    return `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
}
