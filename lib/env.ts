import { z } from "zod";

/**
 * The one place that reads process.env. Every variable is listed in .env.example.
 * Parsed lazily so that scripts (start, CLI, tests) can fill in defaults before first use.
 */
const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(3000)),
  APP_URL: optionalString,
  DATABASE_URL: optionalString,
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data")),
  AUTH_SECRET: optionalString,
  ENCRYPTION_KEY: optionalString,
  INNGEST_EVENT_KEY: optionalString,
  INNGEST_SIGNING_KEY: optionalString,
  INNGEST_DEV: optionalString,
  INNGEST_BASE_URL: optionalString,
  // Email channel: forwarding addresses are <token>@INBOUND_EMAIL_DOMAIN, reply addresses
  // reply+<conversation uuid>@INBOUND_EMAIL_DOMAIN, and our Message-IDs use it as their right side.
  INBOUND_EMAIL_DOMAIN: optionalString,
  INGRESS_PASSWORD: optionalString,
  MAILGUN_SIGNING_KEY: optionalString,
  SENDGRID_INGRESS_PASSWORD: optionalString,
  POSTMARK_INGRESS_PASSWORD: optionalString,
  MANDRILL_WEBHOOK_KEY: optionalString,
  MANDRILL_WEBHOOK_URL: optionalString,
  // IMAP IDLE (new mail in seconds) on a long-running host: "auto" runs it where the embedded job
  // runner runs (no Inngest configured), "on" also with Inngest, "off" never. At most
  // IMAP_IDLE_MAX_CONNECTIONS inboxes hold a connection; the others are polled on their schedule.
  IMAP_IDLE: z.preprocess(emptyAsUndefined, z.enum(["auto", "on", "off"]).default("auto")),
  IMAP_IDLE_MAX_CONNECTIONS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(100)),
  EMAIL_ATTACHMENT_MAX_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(25 * 1024 * 1024)),
  // Largest file an agent attaches to a reply or note (composer and Application API); the
  // composer states it before uploading. Keep it at most EMAIL_ATTACHMENT_MAX_BYTES of the receivers.
  ATTACHMENT_UPLOAD_MAX_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(25 * 1024 * 1024)),
  // Largest request body an /api/ingress/* endpoint reads; unset: derived from the attachment
  // limit (lib/email/ingress/body-limit.ts). Bigger requests are refused with 413.
  INGRESS_MAX_BODY_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().optional()),
  // Public help center (docs/help-center.md "Caching"): seconds a CDN (Vercel's, Cloudflare...) may
  // keep a page without asking (CDN-Cache-Control and s-maxage; 0: it revalidates every time by
  // ETag, so a publish shows at once), and seconds it may then serve the old copy while refetching.
  HELP_CENTER_CDN_MAX_AGE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(31536000).default(0)),
  HELP_CENTER_CDN_STALE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(31536000).default(60)),
  // Client (public) API of API inboxes: requests per minute per inbox and per contact (source_id).
  CLIENT_API_INBOX_RATE_LIMIT: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(600)),
  CLIENT_API_CONTACT_RATE_LIMIT: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(60)),
  // Live refresh (Pusher Channels or any Pusher-compatible server). PUSHER_KEY unset: `npm start`
  // runs the embedded server (lib/realtime/server) and fills these in for the Next process.
  PUSHER_APP_ID: optionalString,
  PUSHER_KEY: optionalString,
  PUSHER_SECRET: optionalString,
  PUSHER_CLUSTER: z.preprocess(emptyAsUndefined, z.string().default("mt1")),
  PUSHER_HOST: optionalString,
  PUSHER_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().optional()),
  PUSHER_USE_TLS: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).optional()),
  // Where browsers open their WebSocket when it differs from PUSHER_HOST/PUSHER_PORT (the embedded
  // server is published to on 127.0.0.1 but reached by browsers on APP_URL's host).
  PUSHER_WS_HOST: optionalString,
  PUSHER_WS_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().optional()),
  // The embedded server: its port and the address it listens on.
  REALTIME_PORT: z.coerce.number().int().positive().default(6001),
  REALTIME_BIND: z.preprocess(emptyAsUndefined, z.string().default("0.0.0.0")),
  // OAuth2 mailboxes (Google, Microsoft 365). Endpoints and hosts are configurable so Microsoft
  // national clouds work, and so tests can point them at local fakes.
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  GOOGLE_AUTH_URL: z.preprocess(emptyAsUndefined, z.string().url().default("https://accounts.google.com/o/oauth2/v2/auth")),
  GOOGLE_TOKEN_URL: z.preprocess(emptyAsUndefined, z.string().url().default("https://oauth2.googleapis.com/token")),
  GMAIL_IMAP_HOST: z.preprocess(emptyAsUndefined, z.string().default("imap.gmail.com")),
  GMAIL_SMTP_HOST: z.preprocess(emptyAsUndefined, z.string().default("smtp.gmail.com")),
  // Ports: 993 (IMAP) and 465 (SMTP) mean implicit TLS, others STARTTLS when offered (tests use plain loopback servers).
  GMAIL_IMAP_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(993)),
  GMAIL_SMTP_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(465)),
  MICROSOFT_CLIENT_ID: optionalString,
  MICROSOFT_CLIENT_SECRET: optionalString,
  MICROSOFT_TENANT: z.preprocess(emptyAsUndefined, z.string().default("common")),
  MICROSOFT_AUTHORITY_URL: z.preprocess(emptyAsUndefined, z.string().url().default("https://login.microsoftonline.com")),
  OUTLOOK_IMAP_HOST: z.preprocess(emptyAsUndefined, z.string().default("outlook.office365.com")),
  OUTLOOK_SMTP_HOST: z.preprocess(emptyAsUndefined, z.string().default("smtp.office365.com")),
  OUTLOOK_IMAP_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(993)),
  OUTLOOK_SMTP_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(587)),
  // The audience of Outlook IMAP/SMTP scopes (national clouds have their own, e.g. https://outlook.office365.us).
  OUTLOOK_RESOURCE_URL: z.preprocess(emptyAsUndefined, z.string().url().default("https://outlook.office.com")),
  GRAPH_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().default("https://graph.microsoft.com/v1.0")),
  // Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (sign-in throttling,
  // HSTS). Unset: none, the TCP peer is the client. "1" (or "true"): the nearest hop is a proxy;
  // a number N: the N nearest hops; otherwise a comma list of proxy addresses or CIDRs.
  TRUST_PROXY: optionalString,
  // Outbound address policy (lib/net/outbound-policy.ts) for hosts and URLs an administrator types:
  // loopback, private and link-local addresses are refused unless allowed here.
  OUTBOUND_ALLOW_PRIVATE: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).default("false")),
  OUTBOUND_ALLOWED_HOSTS: optionalString,
  // Webhook, agent-bot and API-channel callback URLs must be https unless this is true (docs/integrations.md).
  INTEGRATIONS_ALLOW_HTTP: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).default("false")),
  // Automation run log (docs/automation.md "Trust"): a daily sweep deletes runs and recorded events
  // older than this many days, always keeping each rule's last 100 runs and the events a dry run replays.
  AUTOMATION_LOG_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(30)),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "silent"]).default("info"),
  TEST_DATABASE_URL: optionalString,
  BENCH_DATABASE_URL: optionalString,
  CI: optionalString,
  // Passed on to Next: Postdesk never phones home (self-hosted, often offline).
  NEXT_TELEMETRY_DISABLED: z.preprocess(emptyAsUndefined, z.string().default("1")),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For scripts and tests that set variables after the first read. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Sets a variable for this process and its children (used by the start script and test setup). */
export function setEnvVar(name: keyof Env, value: string): void {
  (process.env as Record<string, string>)[name] = value;
  cached = undefined;
}

/** This process's environment with a few variables changed, for a child process (the embedded PostgreSQL). */
export function childProcessEnv(changes: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...changes };
}

export function appUrl(): string {
  const e = env();
  return (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}

/** Inngest Cloud or a self-hosted Inngest server is used when any of these are set. */
export function isInngestConfigured(): boolean {
  const e = env();
  return Boolean(e.INNGEST_EVENT_KEY || e.INNGEST_SIGNING_KEY || e.INNGEST_DEV);
}

/** Live refresh is on when a Pusher app (real or the embedded one) is configured. */
export function isPusherConfigured(): boolean {
  const e = env();
  return Boolean(e.PUSHER_APP_ID && e.PUSHER_KEY && e.PUSHER_SECRET);
}
