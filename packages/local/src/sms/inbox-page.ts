import type { InboundReply, StoredText } from "./messages";

/**
 * The SMS twin's pages, like the mail emulator's inbox: `/` lists every number texted
 * (newest first), `/phone?number=` shows one number's conversation on a phone-shaped
 * screen, with a reply box — typing STOP there is how a local user opts out.
 */
const e = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const time = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));

/** Links in a text become links on the phone (as a phone's messages app does). */
const linkify = (text: string) => e(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--ink:#1f1a19;--muted:#5c5250;--bg:#efe9e6;--them:#ffffff;--me:#0b63ce}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--ink);line-height:1.45}
main{max-width:56rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.5rem;margin:.2rem 0 1rem}a{color:#0a4f9e}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
table{width:100%;border-collapse:collapse;background:#fff;border-radius:12px;overflow:hidden}
th,td{text-align:left;padding:.6rem .75rem;border-bottom:1px solid #ddd;vertical-align:top}th{background:#f7f3f1;font-size:.9rem}
.phone{width:min(100%,390px);margin:0 auto;background:#111;border-radius:44px;padding:14px;box-shadow:0 20px 40px rgba(0,0,0,.25)}
.screen{background:#f4f4f6;border-radius:32px;min-height:640px;display:flex;flex-direction:column;overflow:hidden}
.bar{background:#fafafa;border-bottom:1px solid #ddd;padding:1.4rem 1rem .75rem;text-align:center}
.bar h1{font-size:1.05rem;margin:0}.bar p{margin:.1rem 0 0;font-size:.85rem;color:var(--muted)}
ol.thread{list-style:none;margin:0;padding:1rem .8rem;display:flex;flex-direction:column;gap:.6rem;flex:1}
.msg{max-width:82%;padding:.55rem .8rem;border-radius:18px;font-size:.95rem;word-wrap:break-word;overflow-wrap:anywhere}
.them{background:var(--them);align-self:flex-start;border-bottom-left-radius:6px}
.me{background:var(--me);color:#fff;align-self:flex-end;border-bottom-right-radius:6px}.me a{color:#fff}
.meta{display:block;font-size:.75rem;color:var(--muted);margin-top:.2rem}.me .meta{color:#e6efff}
form.reply{display:flex;gap:.5rem;padding:.7rem;border-top:1px solid #ddd;background:#fafafa}
form.reply input{flex:1;font:inherit;padding:.55rem .8rem;border:1px solid #767676;border-radius:18px}
form.reply button{font:inherit;background:var(--me);color:#fff;border:0;border-radius:18px;padding:.55rem 1rem;cursor:pointer}
.note{font-size:.9rem;color:var(--muted)}.opted{color:#8a1c1c;font-weight:600}
`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><style>${STYLE}</style></head>
<body><a class="skip" href="#main">Skip to content</a><main id="main">${body}</main></body></html>`;
}

export function inboxPage(texts: StoredText[], optedOut: string[]): string {
  const numbers = new Map<string, StoredText>();
  for (const text of texts) numbers.set(text.to, text);
  const rows = [...numbers.values()]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((last) => {
      const count = texts.filter((t) => t.to === last.to).length;
      return `<tr><td><a href="/phone?number=${encodeURIComponent(last.to)}">${e(last.to)}</a>${optedOut.includes(last.to) ? ' <span class="opted">(opted out)</span>' : ""}</td><td>${count}</td><td>${e(last.body.slice(0, 90))}${last.body.length > 90 ? "…" : ""}</td><td>${e(time(last.at))}</td></tr>`;
    })
    .join("");
  return layout(
    "Local SMS inbox",
    `<h1>Local SMS inbox</h1>
<p class="note">Every text the product sent through the local End User Messaging SMS twin. Open a number to see its phone and reply (STOP opts the number out).</p>
${rows ? `<table><caption class="note" style="text-align:left;padding:.5rem .75rem">Numbers texted, newest first</caption><thead><tr><th scope="col">Number</th><th scope="col">Texts</th><th scope="col">Last text</th><th scope="col">When</th></tr></thead><tbody>${rows}</tbody></table>` : '<p role="status">No texts yet.</p>'}`,
  );
}

export function phonePage(number: string, texts: StoredText[], replies: InboundReply[], optedOut: boolean): string {
  const thread = [
    ...texts.map((t) => ({ at: t.at, html: `<li class="msg them" aria-label="Text from ${e(t.from)}">${linkify(t.body)}<span class="meta">${e(t.from)} · ${e(time(t.at))} · ${t.messageType === "PROMOTIONAL" ? "marketing" : "service"}</span></li>` })),
    ...replies.map((r) => ({ at: r.at, html: `<li class="msg me" aria-label="Your reply">${e(r.body)}<span class="meta">${e(time(r.at))}</span></li>` })),
  ]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((m) => m.html)
    .join("");
  return layout(
    `Texts to ${number}`,
    `<p><a href="/">All numbers</a></p>
<div class="phone"><div class="screen">
<div class="bar"><h1>Texts to ${e(number)}</h1><p>${optedOut ? '<span class="opted">Opted out (STOP)</span>' : `${texts.length} text${texts.length === 1 ? "" : "s"}`}</p></div>
<ol class="thread" aria-label="Conversation">${thread || '<li class="note">No texts to this number.</li>'}</ol>
<form class="reply" method="post" action="/reply"><input type="hidden" name="number" value="${e(number)}"><label for="reply" class="skip">Reply</label><input id="reply" name="body" autocomplete="off" placeholder="Reply (STOP to opt out)"><button type="submit">Send</button></form>
</div></div>`,
  );
}
