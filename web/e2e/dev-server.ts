/**
 * The site on an in-memory platform for looking at pages while developing the web app
 * (`npm start` keeps data in .local/ and uses port 3000, which others may be using):
 *
 *   npx tsx web/e2e/dev-server.ts            # builds the site, serves on PORT (default 3100)
 *   SKIP_BUILD=1 npx tsx web/e2e/dev-server.ts
 *
 * Prints the URLs and demo sign-ins; Ctrl-C (SIGINT) stops everything it started.
 */
import { startLocalPlatform } from "../../packages/local/src/platform";
import { buildWeb, loadWebHandler } from "../../packages/local/src/web";
import { seedDemoData } from "../../packages/local/src/seed";
import { ensureDemoClinic } from "./demo-booking";

export async function startSite(options: { port?: number; build?: boolean; tableName?: string } = {}) {
  if (options.build !== false) buildWeb();
  const web = await loadWebHandler();
  const platform = await startLocalPlatform({ clock: "real", web, ports: options.port ? { gateway: options.port } : {}, tableName: options.tableName ?? "mas-web-dev" });
  const logins = await seedDemoData();
  await ensureDemoClinic();
  return { platform, logins };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { platform, logins } = await startSite({ port: Number(process.env.PORT ?? 3100), build: !process.env.SKIP_BUILD });
  console.log(`site ${platform.url}\ninbox ${platform.endpoints.ses}\nstripe ${platform.stripe.url}`);
  for (const login of logins) console.log(`  ${login.role.padEnd(16)} ${login.email} ${login.password}`);
  const stop = async () => {
    await platform.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
