import { loadConfig } from "./config.ts";
import { demoBanner, startServer } from "./server.ts";

const config = loadConfig(process.env, { demo: process.argv.includes("--demo") });
const server = await startServer(config);
if (config.demo) process.stdout.write(`${demoBanner(server.url, server.xapiCredential)}\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
