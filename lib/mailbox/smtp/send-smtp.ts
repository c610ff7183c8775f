import nodemailer from "nodemailer";
import type { ChannelEmail } from "@/db/schema";
import { SecretUnreadableError, decryptSecret } from "@/lib/crypto/secrets";
import { OutboundRefusedError, resolveOutbound, type OutboundTarget } from "@/lib/net/outbound-policy";
import { describeConnectFailure } from "../connection-errors";

export type SmtpEnvelope = { from: string; to: string[] };
export type SmtpResult = { response: string; providerMessageId: string | null };

/**
 * A send the server refused or that could not happen. `permanent` (5xx replies, a refused login,
 * no recipients) means retrying cannot help; anything else (4xx, connection trouble) is worth a
 * retry. `message` is the reason in words for the agent.
 */
export class SmtpSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = "SmtpSendError";
  }
}

const AUTH_METHODS: Record<string, string> = { login: "LOGIN", plain: "PLAIN", cram_md5: "CRAM-MD5" };

type SmtpFailure = Error & { code?: string; responseCode?: number; response?: string };

function describe(error: SmtpFailure, where: { host: string; port: number; implicitTls: boolean }): SmtpSendError {
  const code = typeof error.responseCode === "number" ? error.responseCode : null;
  const reply = error.response?.trim();
  if (code !== null && code >= 500) {
    const what = error.code === "EAUTH" ? "The mail server refused the login" : "The mail server refused the message";
    return new SmtpSendError(`${what}: ${reply ?? code}`, true, code);
  }
  if (code !== null && code >= 400) {
    return new SmtpSendError(`The mail server asked to try again later: ${reply ?? code}`, false, code);
  }
  if (error.code === "EENVELOPE") return new SmtpSendError(`The message has no valid recipient: ${error.message}`, true, null);
  // Not the socket's own text ("ECONNREFUSED" vs "Unexpected close"): it would tell closed ports from open ones.
  const words = describeConnectFailure(error, { ...where, protocol: "smtp" }) ?? `Could not connect to ${where.host}:${where.port}`;
  return new SmtpSendError(`Could not reach the mail server. ${words}`, false, null);
}

function readPassword(stored: string): string {
  try {
    return decryptSecret(stored);
  } catch (error) {
    // Retrying cannot fix a changed encryption key: the admin must enter the password again.
    if (error instanceof SecretUnreadableError) throw new SmtpSendError(`SMTP password unreadable. ${error.message}`, true, null);
    throw error;
  }
}

type SmtpAuth = { user: string; pass: string } | { type: "OAuth2"; user: string; accessToken: string } | undefined;

/**
 * Sends the exact bytes given through the inbox's SMTP server. With `accessToken` (OAuth2
 * mailboxes: Gmail, Microsoft 365, shared mailboxes as the shared address) it logs in with
 * XOAUTH2; otherwise with the stored password, when there is one.
 */
export async function sendViaSmtp(
  channel: ChannelEmail,
  envelope: SmtpEnvelope,
  raw: Buffer,
  options: { accessToken?: string } = {},
): Promise<SmtpResult> {
  if (!channel.smtpAddress) throw new SmtpSendError("The inbox has no SMTP server configured", true, null);
  const user = channel.smtpLogin ?? channel.email;
  // "none": the server relays without a login (e.g. a local relay), even if a password is stored.
  const password = channel.smtpPasswordEnc && channel.smtpAuthentication !== "none" ? readPassword(channel.smtpPasswordEnc) : null;
  const auth: SmtpAuth = options.accessToken
    ? { type: "OAuth2", user, accessToken: options.accessToken }
    : password === null
      ? undefined
      : { user, pass: password };
  // Password mailboxes' hosts are typed by an admin: through the outbound address policy, and the
  // connection goes to the checked address. OAuth2 mailboxes use the provider's configured host.
  const where = { host: channel.smtpAddress, port: channel.smtpPort, implicitTls: channel.smtpEnableSslTls };
  let target: OutboundTarget | null = null;
  if (channel.provider === "password") {
    try {
      target = await resolveOutbound(channel.smtpAddress);
    } catch (error) {
      if (error instanceof OutboundRefusedError) throw new SmtpSendError(`The mail server is not allowed: ${error.message}`, true, null);
      throw describe(error as SmtpFailure, where);
    }
  }
  const transport = nodemailer.createTransport({
    host: target?.address ?? channel.smtpAddress,
    tls: target?.servername ? { servername: target.servername } : undefined,
    port: channel.smtpPort,
    secure: channel.smtpEnableSslTls,
    ignoreTLS: !channel.smtpEnableSslTls && !channel.smtpEnableStarttlsAuto,
    name: channel.smtpDomain ?? undefined,
    auth,
    authMethod: options.accessToken ? "XOAUTH2" : (AUTH_METHODS[channel.smtpAuthentication] ?? "LOGIN"),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  try {
    const info = await transport.sendMail({ envelope, raw });
    const response = String(info.response ?? "");
    return { response, providerMessageId: /queued as\s+([^\s]+)/i.exec(response)?.[1] ?? null };
  } catch (error) {
    throw describe(error as SmtpFailure, where);
  } finally {
    transport.close();
  }
}
