import { loadEnvConfig } from "@next/env";
import { resetEnvCache } from "@/lib/env";

/**
 * Loads .env, .env.production, .env.local... exactly as `next start` will (Next's own loader),
 * so the start script, the CLI and db:migrate see the same configuration as the web server.
 * Variables already set in the environment win. Import this first in every script.
 */
loadEnvConfig(process.cwd(), false, { info: () => {}, error: (...args: unknown[]) => console.error(...args) });
resetEnvCache();
