/**
 * HTML of the dev checkout page that stands in for Stripe's payment form locally. Plain,
 * server-rendered, no script: a form with "Pay £x" and "Decline card" buttons that posts
 * to `<id>/complete` (relative, so it also works behind a path-prefix proxy).
 */
import type { PaymentIntentObject } from "./objects";
import { formatMoney } from "./payment-intents";

const BADGE = "Local test checkout — no real money";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f4f5f8}
main{max-width:28rem;margin:0 auto;padding:1.5rem 1rem}
.card{background:#fff;border:1px solid #d8dce6;border-radius:12px;padding:1.5rem}
.badge{display:inline-block;margin:0 0 1rem;padding:.25rem .625rem;border-radius:999px;background:#fff4ce;color:#5c4300;font-size:.875rem;font-weight:600}
h1{font-size:1.375rem;line-height:1.3;margin:0 0 1rem}
dl{margin:0 0 1.5rem;display:grid;grid-template-columns:auto 1fr;gap:.375rem 1rem}
dt{color:#4a5168}
dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.amount{font-size:1.5rem}
form{display:grid;gap:.75rem}
button,.link{display:block;width:100%;min-height:48px;padding:.75rem 1rem;border-radius:8px;font:inherit;font-weight:600;text-align:center;text-decoration:none;cursor:pointer}
.pay{background:#4338ca;color:#fff;border:2px solid #4338ca}
.pay:hover{background:#3730a3}
.decline{background:#fff;color:#b42318;border:2px solid #b42318}
.decline:hover{background:#fef3f2}
.link{background:#fff;color:#4338ca;border:2px solid #4338ca}
button:focus-visible,.link:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.hint{margin:1.25rem 0 0;color:#4a5168;font-size:.875rem}
.ok{color:#067647}.bad{color:#b42318}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · ${BADGE}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="card">
<p class="badge">${BADGE}</p>
${body}
</div>
</main>
</body>
</html>`;
}

function details(pi: PaymentIntentObject): string {
  const amount = formatMoney(pi.amount, pi.currency);
  const description = pi.description ? `<dt>For</dt><dd>${escapeHtml(pi.description)}</dd>` : "";
  return `<dl>
<dt>Amount</dt><dd class="amount">${escapeHtml(amount)}</dd>
${description}
<dt>Reference</dt><dd>${escapeHtml(pi.id)}</dd>
</dl>`;
}

/** `GET /checkout/:id` for a PaymentIntent that can still be paid. */
export function checkoutPage(pi: PaymentIntentObject): string {
  const amount = escapeHtml(formatMoney(pi.amount, pi.currency));
  const failed = pi.last_payment_error
    ? `<p class="bad" role="alert">Previous attempt failed: ${escapeHtml(pi.last_payment_error.message)}</p>`
    : "";
  return layout(
    `Pay ${formatMoney(pi.amount, pi.currency)}`,
    `<h1>Complete your payment</h1>
${details(pi)}
${failed}
<form method="post" action="${escapeHtml(encodeURIComponent(pi.id))}/complete">
<button class="pay" type="submit" name="outcome" value="succeed">Pay ${amount}</button>
<button class="decline" type="submit" name="outcome" value="fail">Decline card</button>
${pi.currency === "gbp" ? `<button class="link" type="submit" name="outcome" value="debit_succeeds">Pay by Bacs Direct Debit (clears later)</button>
<button class="link" type="submit" name="outcome" value="debit_fails">Pay by Bacs Direct Debit (bounces later)</button>` : ""}
</form>
<p class="hint">This page replaces Stripe's card form during local development. “Pay” charges a test Visa ending 4242; “Decline card” simulates a declined card; a Direct Debit stays “processing” until the bank answers. Nothing is charged.</p>`,
  );
}

const STATUS_TEXT: Record<string, string> = {
  succeeded: "This payment is already complete.",
  canceled: "This payment was cancelled.",
  processing: "This payment is being processed.",
};

/** `GET /checkout/:id` for a PaymentIntent that is no longer payable. */
export function closedPage(pi: PaymentIntentObject): string {
  const text = STATUS_TEXT[pi.status] ?? `This payment has status ${pi.status}.`;
  return layout(text, `<div role="status"><h1>${escapeHtml(text)}</h1></div>\n${details(pi)}`);
}

/** Shown after "Pay" / "Decline card" when the PaymentIntent has no `metadata.return_url`. */
export function resultPage(pi: PaymentIntentObject): string {
  const ok = pi.status === "succeeded" || pi.status === "processing";
  const heading = pi.status === "processing" ? "Payment submitted: your bank will confirm it" : ok ? "Payment successful" : "Your card was declined";
  const retry = ok ? "" : `<a class="link" href="../${escapeHtml(encodeURIComponent(pi.id))}">Try again</a>`;
  return layout(heading, `<div role="status"><h1 class="${ok ? "ok" : "bad"}">${heading}</h1></div>\n${details(pi)}\n${retry}`);
}

export function notFoundPage(id: string): string {
  return layout("Payment not found", `<div role="status"><h1>Payment not found</h1></div>\n<p>No PaymentIntent with id ${escapeHtml(id)} exists in this local fake Stripe.</p>`);
}
