import { describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { json } from "../../accounts/test/support";
import { depositIntent, pay, paymentRow, settle, signUp, useSchedulerClock } from "./support";

useSchedulerClock();

/** Accounts answers export and erasure for every service: call it through the gateway. */
const accounts = { request: (path: string, init?: RequestInit) => fetch(`${platform().url}${path}`, init) };

describe("personal data (through accounts' export and erasure)", () => {
  it("exports the user's payments with their history and refunds", async () => {
    const client = await signUp("client");
    const { started, paymentIntentId } = await depositIntent(client);
    await pay(paymentIntentId);
    const res = await accounts.request("/api/accounts/me/export", { headers: client.headers });
    expect(res.status).toBe(200);
    const { payments } = (await res.json()) as { payments: Record<string, unknown>[] };
    expect(payments).toEqual([
      expect.objectContaining({ paymentId: started.paymentId, kind: "deposit", amountInPence: 5_000, status: "succeeded", offSessionAgreed: true, refunds: [] }),
    ]);
    expect(JSON.stringify(payments)).not.toContain("pm_");
  });

  it("keeps the records on erasure (six years) but withdraws the off-session mandate", async () => {
    const client = await signUp("client");
    const { started, paymentIntentId } = await depositIntent(client);
    await pay(paymentIntentId);
    expect(await paymentRow(started.paymentId)).toMatchObject({ offSessionAgreed: true, savedPaymentMethodId: expect.stringMatching(/^pm_/) });
    const res = await accounts.request("/api/accounts/me", json("DELETE", { password: client.password }, client));
    expect(res.status).toBeLessThan(300);
    await settle();
    const kept = await paymentRow(started.paymentId);
    expect(kept).toMatchObject({ status: "succeeded", amountInPence: 5_000, userId: client.userId, offSessionAgreed: false });
    expect(kept!.savedPaymentMethodId).toBeUndefined();
  });
});
