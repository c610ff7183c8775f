import { AppError } from "@/lib/errors";
import { outboundFetch } from "@/lib/net/outbound-fetch";
import { OutboundRefusedError } from "@/lib/net/outbound-policy";
import { SmtpSendError, type SmtpResult } from "@/lib/mailbox/smtp/send-smtp";
import { regionOf, type EmailApiConfig } from "./settings";

/**
 * Mailgun's HTTP API. Sending uses `POST /v3/{domain}/messages.mime`: our complete MIME goes as
 * the `message` file and the envelope recipients as `to`, so Mailgun relays our bytes and keeps
 * our Message-ID, In-Reply-To and References — the customer's reply threads back. Auth is HTTP
 * Basic `api:<key>`. Mailgun answers 200 `{ id, message }`; 401 for a wrong key; 4xx with
 * `{ message }` for a request it will never accept; 429/5xx when it is busy or down.
 */
const TIMEOUT_MS = 30_000;

const authorization = (apiKey: string) => `Basic ${Buffer.from(`api:${apiKey}`).toString("base64")}`;
const domainPath = (domain: string) => encodeURIComponent(domain);

/** Mailgun's own words: `{ "message": "..." }` on JSON errors, plain text ("Forbidden") on a 401. */
async function mailgunMessage(response: Response): Promise<string> {
  const text = (await response.text().catch(() => "")).trim();
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === "string" && body.message) return body.message;
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 300) || response.statusText || `HTTP ${response.status}`;
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

export async function sendViaMailgun(config: EmailApiConfig, recipients: string[], raw: Buffer): Promise<SmtpResult> {
  if (recipients.length === 0) throw new SmtpSendError("The message has no recipient", true, null);
  const form = new FormData();
  for (const to of recipients) form.append("to", to);
  form.append("message", new Blob([new Uint8Array(raw)], { type: "message/rfc822" }), "message.mime");
  let response: Response;
  try {
    // The base URL is typed by an admin: through the outbound policy, like every user-typed host.
    response = await outboundFetch(`${config.baseUrl}/v3/${domainPath(config.domain)}/messages.mime`, {
      method: "POST",
      headers: { authorization: authorization(config.apiKey) },
      body: form,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw new SmtpSendError(`Mailgun at ${config.baseUrl} is not reachable: ${error.message}`, true, null);
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new SmtpSendError(`Could not reach Mailgun at ${config.baseUrl}: ${reason}`, false, null);
  }
  if (response.ok) {
    const body = (await response.json().catch(() => ({}))) as { id?: unknown; message?: unknown };
    const id = typeof body.id === "string" ? body.id : null;
    const words = typeof body.message === "string" ? body.message : "Queued";
    return { response: `${response.status} ${words}${id ? ` (Mailgun id ${id})` : ""}`, providerMessageId: id };
  }
  const message = await mailgunMessage(response);
  if (response.status === 401) {
    throw new SmtpSendError(`Mailgun refused the API key (401 ${message}). Enter a valid key in the inbox's settings, then retry.`, true, 401);
  }
  if (retryable(response.status)) {
    throw new SmtpSendError(`Mailgun asked to try again later (${response.status} ${message})`, false, response.status);
  }
  throw new SmtpSendError(`Mailgun refused the message (${response.status} ${message})`, true, response.status);
}

/**
 * Checks the key and domain without sending anything: `GET /v3/domains/{domain}`. Refusals are
 * AppErrors in words the admin can act on.
 */
export async function checkMailgunAccess(config: EmailApiConfig): Promise<void> {
  let response: Response;
  try {
    response = await outboundFetch(`${config.baseUrl}/v3/domains/${domainPath(config.domain)}`, {
      headers: { authorization: authorization(config.apiKey) },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw error;
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new AppError("unavailable", `Could not reach Mailgun at ${config.baseUrl} to check the API key (${reason}). Try again in a moment.`);
  }
  if (response.ok) return;
  const message = await mailgunMessage(response);
  const region = regionOf(config.baseUrl);
  if (response.status === 401) {
    const otherRegion = region === "us" ? " If the domain is in Mailgun's EU region, choose EU." : region === "eu" ? " If the domain is in Mailgun's US region, choose US." : "";
    throw new AppError("invalid", `Mailgun refused the API key (${message}). Copy a Private API key from Mailgun → API Security.${otherRegion}`);
  }
  if (response.status === 404) {
    throw new AppError("invalid", `The domain ${config.domain} is not in this Mailgun account${region === "custom" ? "" : ` (${region.toUpperCase()} region)`}. Add it in Mailgun → Sending → Domains, or check the region.`);
  }
  throw new AppError(retryable(response.status) ? "unavailable" : "invalid", `Mailgun answered ${response.status} when checking the domain ${config.domain}: ${message}`);
}
