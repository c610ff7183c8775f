import { env } from "./env";

/** A small leveled logger writing JSON lines; PII belongs at trace level only. */
const levels = ["trace", "debug", "info", "warn", "error", "silent"] as const;
type Level = (typeof levels)[number];

function enabled(level: Level): boolean {
  return levels.indexOf(level) >= levels.indexOf(env().LOG_LEVEL);
}

/**
 * Logs never carry message bodies: a failed statement's parameters (drizzle's "Failed query: …
 * params: …", which hold whole bodies) are cut off, and any other long text is capped to an excerpt.
 */
export const MAX_LOGGED_TEXT = 2000;

function excerpt(_key: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  const params = value.indexOf("\nparams: ");
  const text = params >= 0 && value.includes("Failed query:") ? `${value.slice(0, params)} [parameters not logged]` : value;
  return text.length > MAX_LOGGED_TEXT ? `${text.slice(0, MAX_LOGGED_TEXT)}… [${text.length - MAX_LOGGED_TEXT} more characters not logged]` : text;
}

function write(level: Level, scope: string, message: string, fields?: Record<string, unknown>) {
  if (!enabled(level)) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, scope, msg: message, ...fields }, excerpt);
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export function createLogger(scope: string) {
  return {
    trace: (m: string, f?: Record<string, unknown>) => write("trace", scope, m, f),
    debug: (m: string, f?: Record<string, unknown>) => write("debug", scope, m, f),
    info: (m: string, f?: Record<string, unknown>) => write("info", scope, m, f),
    warn: (m: string, f?: Record<string, unknown>) => write("warn", scope, m, f),
    error: (m: string, f?: Record<string, unknown>) => write("error", scope, m, f),
  };
}

export type Logger = ReturnType<typeof createLogger>;
