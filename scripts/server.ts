/**
 * The production web server `npm start` runs (in place of `next start`): Next's own request handler
 * behind a plain Node http server, with the public help center's front door in front of it
 * (lib/help-center/public/front.ts answers repeat /hc pages from memory, before Next's router).
 * Everything else, and every help-center request the front does not answer, is Next's as usual.
 * Arguments: --port N [--hostname H]. Bundled by scripts/start.mjs (scripts/lib/bundle-script.mjs).
 */
import "./lib/load-env-files";
import http from "node:http";
import { getSql } from "@/db/client";
import { setEnvVar } from "@/lib/env";
import { startHelpCenterFront, type HelpCenterFront } from "@/lib/help-center/public/front";

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const port = Number(argument("port") ?? 3000);
  const hostname = argument("hostname");
  // As `next start` does, before Next and React are loaded: their production builds.
  setEnvVar("NODE_ENV", "production");
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), port, hostname });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  let front: HelpCenterFront | null = null;
  try {
    front = await startHelpCenterFront(getSql());
  } catch (error) {
    // The site still works without it, through Next (one query per page).
    console.error(`[postdesk] help center front not started: ${(error as Error).message}`);
  }

  const server = http.createServer((req, res) => {
    const answered = front ? front.handle(req, res) : Promise.resolve(false);
    answered
      .catch((error: unknown) => {
        console.error("[postdesk] help center front:", error);
        return res.headersSent;
      })
      .then((done) => (done ? undefined : handleNext(req, res)))
      .catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500).end("Internal Server Error");
      });
  });
  const stop = () => {
    server.close();
    void Promise.all([front?.stop(), app.close()]).finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.listen(port, hostname, () => console.log(`[postdesk] web server listening on ${hostname ?? "*"}:${port}`));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
