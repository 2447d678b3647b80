import { resolve } from "node:path";
import { javaVersion } from "./dynamodb";
import { startLocalPlatform } from "./platform";
import { buildWeb, loadWebHandler } from "./web";
import { seedDemoData } from "./seed";

/**
 * `npm start`: the whole product offline on one URL, with demo data, data kept under
 * .local/ between runs. Ctrl-C stops every child process (the DynamoDB JVM included).
 */
async function main() {
  if (!javaVersion()) {
    console.error(
      "Java 17+ is required for DynamoDB Local but was not found.\n" +
        "  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n  macOS: brew install openjdk@17",
    );
    process.exit(1);
  }
  const started = Date.now();
  console.log("Building the web app…");
  buildWeb();
  const web = await loadWebHandler();
  const port = Number(process.env.PORT ?? 3000);
  console.log("Starting the local platform…");
  const platform = await startLocalPlatform({
    persist: resolve(import.meta.dirname, "../../../.local"),
    ports: { gateway: port, dynamodb: port + 1000, ses: port + 1001, s3: port + 1002, bus: port + 1003, scheduler: port + 1004, stripe: port + 1005, sms: port + 1006 },
    clock: "real",
    web,
  });
  const demo = await seedDemoData();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    await platform.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("SIGHUP", stop);

  console.log(`
  Master Aesthetics Suite is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

    ${platform.url}

  Local inbox (SES emulator): ${platform.endpoints.ses}
  Local SMS inbox (texts):    ${platform.endpoints.sms}
  API reference:              ${platform.url}/api/docs
  Test checkout (Stripe):     ${platform.stripe.url}
${demo.length ? `\n  Demo sign-ins:\n${demo.map((d) => `    ${d.role.padEnd(15)} ${d.email.padEnd(34)} ${d.password}`).join("\n")}\n` : ""}
  Press Ctrl-C to stop.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
