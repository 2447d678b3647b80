import { afterEach, describe, expect, it, vi } from "vitest";

/** Where the Stripe port finds its secrets: env first, else the SST secrets bound to the function. */
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function freshPort() {
  vi.resetModules();
  return import("./payments");
}

describe("Stripe secrets", () => {
  it("reads STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET from env (local, tests)", async () => {
    Object.assign(process.env, { STRIPE_SECRET_KEY: "sk_test_env", STRIPE_WEBHOOK_SECRET: "whsec_env" });
    const port = await freshPort();
    expect(await port.webhookSecret()).toBe("whsec_env");
    expect((await port.stripe()).webhooks).toBeDefined();
  });

  it("falls back to SST Config.Secret values in Lambda, where only SST_Secret_value_* is set", async () => {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_WEBHOOK_SECRET;
    Object.assign(process.env, {
      SST_APP: "mas",
      SST_STAGE: "test",
      SST_Secret_value_STRIPE_SECRET_KEY: "sk_test_from_sst",
      SST_Secret_value_STRIPE_WEBHOOK_SECRET: "whsec_from_sst",
    });
    const port = await freshPort();
    expect(await port.webhookSecret()).toBe("whsec_from_sst");
  });
});

describe("checkout URL", () => {
  it("points at the local fake's checkout page when STRIPE_CHECKOUT_BASE is set, and is absent otherwise", async () => {
    process.env.STRIPE_CHECKOUT_BASE = "http://127.0.0.1:4242/";
    const port = await freshPort();
    expect(port.checkoutUrl("pi_123")).toBe("http://127.0.0.1:4242/checkout/pi_123");
    delete process.env.STRIPE_CHECKOUT_BASE;
    expect(port.checkoutUrl("pi_123")).toBeUndefined();
  });
});
