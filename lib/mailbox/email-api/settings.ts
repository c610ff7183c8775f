import { z } from "zod";
import { ipLiteral } from "@/lib/net/ip-address";
import { refusedHostLiteral } from "@/lib/net/outbound-policy";

/**
 * Settings of the `imap_api` transport's sending side: which transactional email HTTP API, the
 * sending domain, the API's base URL (its region) and the key. The key is encrypted at rest
 * (lib/crypto/secrets.ts) and never returned to a browser or API client.
 */
export const EMAIL_API_PROVIDERS = ["mailgun"] as const;
export type EmailApiProviderName = (typeof EMAIL_API_PROVIDERS)[number];

/** Mailgun keeps an account's domains in one region; the key only works against that region's API. */
export const MAILGUN_REGIONS = {
  us: "https://api.mailgun.net",
  eu: "https://api.eu.mailgun.net",
} as const;
export type MailgunRegion = keyof typeof MAILGUN_REGIONS;

export const emailApiProviderLabel = (provider: EmailApiProviderName): string => (provider === "mailgun" ? "Mailgun" : provider);

/** The region a stored base URL stands for, or "custom" (a proxy, or a local fake in tests). */
export function regionOf(baseUrl: string): MailgunRegion | "custom" {
  const found = (Object.keys(MAILGUN_REGIONS) as MailgunRegion[]).find((r) => MAILGUN_REGIONS[r] === baseUrl);
  return found ?? "custom";
}

const isLoopback = (hostname: string) => hostname === "localhost" || ipLiteral(hostname)?.startsWith("127.") === true || ipLiteral(hostname) === "0:0:0:0:0:0:0:1";

/**
 * https, or plain http to this machine only (a local relay or test fake): the key travels in it.
 * The host must pass the outbound address policy (this machine only when the configuration allows
 * private addresses); its DNS answers are checked again when Postdesk connects.
 */
const baseUrlSchema = z
  .string()
  .trim()
  .pipe(z.url("Enter the API's base URL, e.g. https://api.mailgun.net"))
  .superRefine((value, ctx) => {
    const url = new URL(value);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
      ctx.addIssue({ code: "custom", message: "The API's base URL must start with https://" });
      return;
    }
    const refused = refusedHostLiteral(url.hostname);
    if (refused) ctx.addIssue({ code: "custom", message: refused });
  })
  .transform((value) => value.replace(/\/+$/, ""));

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/, "Enter the sending domain as it appears in Mailgun, e.g. mg.example.com");

/** What the admin enters. `apiKey` may be empty when editing: the stored key is kept. */
export const emailApiSettingsInput = z
  .object({
    provider: z.enum(EMAIL_API_PROVIDERS).default("mailgun"),
    domain: domainSchema,
    region: z.enum(["us", "eu", "custom"]).default("us"),
    /** Only for region "custom". */
    baseUrl: z.string().optional(),
    apiKey: z.string().trim().max(500).optional(),
  })
  .transform((input, ctx) => {
    let baseUrl: string = input.region === "custom" ? "" : MAILGUN_REGIONS[input.region];
    if (input.region === "custom") {
      const parsed = baseUrlSchema.safeParse(input.baseUrl ?? "");
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", path: ["baseUrl"], message: parsed.error.issues[0]?.message ?? "Enter the API's base URL" });
        return z.NEVER;
      }
      baseUrl = parsed.data;
    }
    return { provider: input.provider, domain: input.domain, baseUrl, apiKey: input.apiKey || null };
  });
export type EmailApiSettingsInput = z.input<typeof emailApiSettingsInput>;
export type EmailApiSettings = z.output<typeof emailApiSettingsInput>;

/** What is stored (and carried, encrypted, through the OAuth2 state): never the key in clear. */
export const storedEmailApiSchema = z.object({
  provider: z.enum(EMAIL_API_PROVIDERS),
  domain: z.string(),
  baseUrl: z.string(),
  apiKeyEnc: z.string(),
});
export type StoredEmailApi = z.infer<typeof storedEmailApiSchema>;

/** The settings a provider adapter needs, with the key decrypted just before use. */
export type EmailApiConfig = { provider: EmailApiProviderName; domain: string; baseUrl: string; apiKey: string };
