import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { basicAuthMatches, mailgunSignatureValid, mandrillSignatureValid } from "./verify";
import { postmarkInbound, postmarkToMime } from "./postmark-mime";
import { requireFreshTimestamp, type ReplayToken } from "./replay-tokens";
import { parseForm, readBoundedBody, readBoundedForm } from "./body-limit";
import { multipartFields } from "./multipart-fields";

/**
 * One function per ingress source: check the caller's credentials or signature, then take the
 * raw MIME message(s) out of the provider's request. Each throws AppError with words an operator
 * can act on (401 bad credentials, 413 too large, 503 not configured, 415/422 wrong payload).
 *
 * Every body is read through body-limit.ts (at most INGRESS_MAX_BODY_BYTES, 413 beyond), and the
 * credentials are checked as early as each provider's scheme allows:
 *   - relay, SendGrid, Postmark: HTTP Basic auth in a header, checked before a byte of the body
 *     is read;
 *   - Mailgun: the signature (timestamp, token, signature) is made of fields of the form itself,
 *     so the body must be read first; it is read bounded, split at its part boundaries only, and
 *     the message part is not touched before the signature and the timestamp are checked;
 *   - Mandrill: the signature covers the URL and every POST field, so likewise the whole bounded
 *     form is read, then verified, and only then is mandrill_events parsed as JSON.
 */
export type InboundItem = { raw: Buffer; recipients: string[]; sourceRef?: string; replayToken?: ReplayToken };

const notConfigured = (variable: string) => new AppError("unavailable", `ingress is not configured: set ${variable} to accept mail here`);
const unauthorized = () => new AppError("unauthorized", "Wrong or missing ingress credentials");

function requireBasic(request: Request, password: string | undefined, variable: string, user?: string): void {
  if (!password) throw notConfigured(variable);
  if (!basicAuthMatches(request.headers.get("authorization"), password, user)) throw unauthorized();
}

const formFields = (request: Request): Promise<FormData> => readBoundedForm(request);

const text = (form: FormData, name: string): string | null => {
  const v = form.get(name);
  return typeof v === "string" ? v : null;
};

async function bytes(form: FormData, name: string): Promise<Buffer | null> {
  const v = form.get(name);
  if (v === null) return null;
  return typeof v === "string" ? Buffer.from(v, "utf8") : Buffer.from(await v.arrayBuffer());
}

/** Postfix/Exim/getmail pipes: the message itself, `?recipient=` optionally naming the envelope recipient. */
export async function extractRelay(request: Request): Promise<InboundItem[]> {
  requireBasic(request, env().INGRESS_PASSWORD, "INGRESS_PASSWORD", "ingress");
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "message/rfc822") throw new AppError("invalid", "Send the message with Content-Type: message/rfc822");
  const raw = await readBoundedBody(request);
  if (raw.length === 0) throw new AppError("invalid", "The request body is empty: pipe the whole message into it");
  // An unencoded "+" (reply+<id>@...) arrives as a space; addresses never contain spaces.
  const recipients = new URL(request.url).searchParams.getAll("recipient").map((r) => r.trim().replace(/ /g, "+"));
  return [{ raw, recipients }];
}

/**
 * Mailgun route "forward"/"store and notify" to a URL ending in mime: body-mime + signature
 * fields. A multipart body is only split at its boundaries (multipart-fields.ts) so the signature
 * is checked before the message part is used, and that part is passed on without a copy.
 */
export async function extractMailgun(request: Request): Promise<InboundItem[]> {
  const key = env().MAILGUN_SIGNING_KEY;
  if (!key) throw notConfigured("MAILGUN_SIGNING_KEY");
  const contentType = request.headers.get("content-type");
  const body = await readBoundedBody(request);
  const parts = multipartFields(contentType, body);
  const form = parts ? null : await parseForm(contentType, body);
  const field = async (name: string): Promise<Buffer | null> => (parts ? (parts.get(name) ?? null) : form ? bytes(form, name) : null);
  const textField = async (name: string) => (await field(name))?.toString("utf8") ?? null;
  const [timestamp, token, signature] = [await textField("timestamp"), await textField("token"), await textField("signature")];
  if (!timestamp || !token || !signature || !mailgunSignatureValid(key, timestamp, token, signature)) {
    throw new AppError("unauthorized", "The Mailgun signature does not match MAILGUN_SIGNING_KEY");
  }
  // The signature covers the timestamp and token only: both must be fresh (replay-tokens.ts).
  requireFreshTimestamp(timestamp);
  const raw = await field("body-mime");
  if (!raw) throw new AppError("invalid", "No body-mime field: point the Mailgun route at a URL ending in /mime, or use forward() to this URL with MIME");
  const recipient = await textField("recipient");
  return [{ raw, recipients: recipient ? recipient.split(",") : [], sourceRef: token, replayToken: { source: "mailgun", token } }];
}

/** SendGrid Inbound Parse with "POST the raw, full MIME message": the `email` field, Basic auth in the URL. */
export async function extractSendgrid(request: Request): Promise<InboundItem[]> {
  requireBasic(request, env().SENDGRID_INGRESS_PASSWORD, "SENDGRID_INGRESS_PASSWORD");
  const form = await formFields(request);
  const raw = await bytes(form, "email");
  if (!raw) throw new AppError("invalid", 'No email field: tick "POST the raw, full MIME message" in the Inbound Parse settings');
  let recipients: string[] = [];
  try {
    const envelope = JSON.parse(text(form, "envelope") ?? "{}") as { to?: unknown };
    if (Array.isArray(envelope.to)) recipients = envelope.to.filter((t): t is string => typeof t === "string");
  } catch {
    // The envelope is a hint only; routing falls back to the message's own headers.
  }
  return [{ raw, recipients }];
}

/** Postmark inbound webhook (JSON), Basic auth in the URL. */
export async function extractPostmark(request: Request): Promise<InboundItem[]> {
  requireBasic(request, env().POSTMARK_INGRESS_PASSWORD, "POSTMARK_INGRESS_PASSWORD");
  const payload = await readBoundedBody(request);
  let body: unknown;
  try {
    body = JSON.parse(payload.toString("utf8"));
  } catch {
    throw new AppError("invalid", "Expected Postmark's inbound JSON");
  }
  const parsed = postmarkInbound.safeParse(body);
  if (!parsed.success) throw new AppError("invalid", "Expected Postmark's inbound JSON");
  const p = parsed.data;
  return [{ raw: await postmarkToMime(p), recipients: p.OriginalRecipient ? [p.OriginalRecipient] : [], sourceRef: p.MessageID }];
}

/** Mandrill inbound: form field mandrill_events (JSON array), signed over the webhook URL and the fields. */
export async function extractMandrill(request: Request): Promise<InboundItem[]> {
  const key = env().MANDRILL_WEBHOOK_KEY;
  if (!key) throw notConfigured("MANDRILL_WEBHOOK_KEY");
  const form = await formFields(request);
  const params: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") params[k] = v;
  // Mandrill signs the URL exactly as it was configured there; behind a proxy that is not request.url.
  const url = env().MANDRILL_WEBHOOK_URL ?? request.url;
  if (!mandrillSignatureValid(key, url, params, request.headers.get("x-mandrill-signature") ?? "")) {
    throw new AppError("unauthorized", "The X-Mandrill-Signature does not match MANDRILL_WEBHOOK_KEY and MANDRILL_WEBHOOK_URL");
  }
  let events: unknown;
  try {
    events = JSON.parse(params.mandrill_events ?? "");
  } catch {
    throw new AppError("invalid", "mandrill_events is not JSON");
  }
  if (!Array.isArray(events)) throw new AppError("invalid", "mandrill_events is not a list");
  return events.flatMap((e: { event?: string; ts?: number; msg?: { raw_msg?: string; email?: string; _id?: string } }) =>
    e?.event === "inbound" && typeof e.msg?.raw_msg === "string"
      ? [{ raw: Buffer.from(e.msg.raw_msg, "utf8"), recipients: e.msg.email ? [e.msg.email] : [], sourceRef: e.msg._id }]
      : [],
  );
}
