/**
 * Full-page screenshots while developing: `npx tsx web/e2e/shoot.ts URL OUT.png [WxH] [email:password]`
 * (signs in through the sign-in page first when credentials are given). PNGs belong in
 * screenshots/ (gitignored).
 */
import { launchBrowser } from "./browser";

const [url, out, size = "390x844", login] = process.argv.slice(2);
if (!url || !out) throw new Error("usage: shoot.ts URL OUT.png [WxH] [email:password]");
const [width, height] = size.split("x").map(Number);
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: width!, height: height! } });
const page = await context.newPage();
if (login) {
  const [email, password] = login.split(":");
  await page.goto(new URL("/signin", url).href);
  await page.getByLabel("Email").fill(email!);
  await page.getByLabel("Password").fill(password!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
}
await page.goto(url);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(out);
