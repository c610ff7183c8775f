import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";

/**
 * "Test connection" in the inbox wizard: tries the values of the form, without saving anything,
 * and reports each step in words an administrator can act on. Every network step is bounded
 * (about 10 s) so a wrong host or a firewall gives an answer instead of a spinner.
 */
export type ConnectionStep = { step: "imap_login" | "imap_folder" | "imap_processed_folder" | "smtp"; ok: boolean; message: string };

export type ConnectionParams = {
  imapEnabled: boolean;
  imapAddress?: string | null;
  imapPort: number;
  imapLogin?: string | null;
  imapPassword?: string | null;
  imapEnableSsl: boolean;
  imapFolder: string;
  imapProcessedFolder: string;
  imapAfterImport: "move" | "mark_seen" | "leave";
  smtpEnabled: boolean;
  smtpAddress?: string | null;
  smtpPort: number;
  smtpLogin?: string | null;
  smtpPassword?: string | null;
  smtpDomain?: string | null;
  smtpEnableSslTls: boolean;
  smtpEnableStarttlsAuto: boolean;
  smtpAuthentication: "plain" | "login" | "cram_md5" | "none";
  email: string;
};

const TIMEOUT_MS = 10_000;
const AUTH_METHODS = { plain: "PLAIN", login: "LOGIN", cram_md5: "CRAM-MD5", none: undefined } as const;

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name could not be looked up",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ECONNRESET: "the server closed the connection",
  ETIMEDOUT: "no answer within 10 seconds",
  CONNECT_TIMEOUT: "no answer within 10 seconds",
  GREETING_TIMEOUT: "the server did not greet within 10 seconds",
  ETIMEOUT: "no answer within 10 seconds",
  UPGRADE_TIMEOUT: "STARTTLS did not complete within 10 seconds",
};

type ErrorLike = { code?: unknown; authenticationFailed?: unknown; responseText?: unknown; response?: unknown; message?: unknown; cause?: unknown };

function networkReason(error: unknown): string | null {
  const e = (error ?? {}) as ErrorLike;
  const code = typeof e.code === "string" ? e.code : "";
  if (NETWORK_REASONS[code]) return NETWORK_REASONS[code];
  const text = String(e.message ?? "");
  const inText = Object.keys(NETWORK_REASONS).find((k) => text.includes(k));
  if (inText) return NETWORK_REASONS[inText];
  if (/certificate|self[- ]signed|wrong version number|SSL|TLS/i.test(text) || code.startsWith("ERR_TLS") || code.includes("CERT") || code === "ETLS") {
    return `the secure connection failed (${text.replace(/\s+/g, " ").slice(0, 200)})`;
  }
  return e.cause ? networkReason(e.cause) : null;
}

export async function testEmailConnection(params: ConnectionParams): Promise<ConnectionStep[]> {
  // Both at once, so a dead host costs the admin one timeout, not two.
  const [imap, smtp] = await Promise.all([params.imapEnabled ? testImap(params) : [], params.smtpEnabled ? testSmtp(params).then((s) => [s]) : []]);
  return [...imap, ...smtp];
}

async function testImap(p: ConnectionParams): Promise<ConnectionStep[]> {
  const host = p.imapAddress ?? "";
  const login = p.imapLogin || p.email;
  const where = `${host}:${p.imapPort}`;
  if (!host) return [{ step: "imap_login", ok: false, message: "Enter the IMAP server's host name" }];
  const client = new ImapFlow({
    host,
    port: p.imapPort,
    secure: p.imapEnableSsl,
    auth: { user: login, pass: p.imapPassword ?? "" },
    logger: false,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS * 2,
    disableAutoIdle: true,
  });
  client.on("error", () => undefined);
  const steps: ConnectionStep[] = [];
  try {
    await client.connect();
  } catch (error) {
    const e = (error ?? {}) as ErrorLike;
    if (e.authenticationFailed === true) return [{ step: "imap_login", ok: false, message: `The IMAP server refused the password for ${login}` }];
    const reason = networkReason(error);
    const hint = !p.imapEnableSsl && p.imapPort === 993 ? " (port 993 expects SSL/TLS: turn it on)" : p.imapEnableSsl && p.imapPort === 143 ? " (port 143 uses STARTTLS: turn SSL/TLS off)" : "";
    return [{ step: "imap_login", ok: false, message: reason ? `Could not reach ${where}: ${reason}${hint}` : `The IMAP server ${where} answered: ${String(e.responseText ?? e.message ?? error)}${hint}` }];
  }
  steps.push({ step: "imap_login", ok: true, message: `Signed in to ${host} as ${login}` });
  try {
    const folders = await client.list();
    const has = (name: string) => folders.some((f) => f.path === name || (name.toUpperCase() === "INBOX" && f.path.toUpperCase() === "INBOX"));
    if (has(p.imapFolder)) {
      const status = await client.status(p.imapFolder, { messages: true });
      steps.push({ step: "imap_folder", ok: true, message: `Folder ${p.imapFolder} exists (${status ? (status.messages ?? 0) : 0} messages)` });
    } else {
      steps.push({ step: "imap_folder", ok: false, message: `Folder ${p.imapFolder} does not exist on ${host}` });
    }
    if (p.imapAfterImport === "move") steps.push(await ensureProcessedFolder(client, p.imapProcessedFolder, has(p.imapProcessedFolder)));
  } catch (error) {
    steps.push({ step: "imap_folder", ok: false, message: `Could not list the folders: ${String((error as ErrorLike).message ?? error)}` });
  } finally {
    await client.logout().catch(() => client.close());
  }
  return steps;
}

/** The processed folder is created on the first import anyway; creating it now proves we may. */
async function ensureProcessedFolder(client: ImapFlow, folder: string, exists: boolean): Promise<ConnectionStep> {
  if (exists) return { step: "imap_processed_folder", ok: true, message: `Folder ${folder} exists; imported mail will be moved there` };
  try {
    await client.mailboxCreate(folder);
    return { step: "imap_processed_folder", ok: true, message: `Folder ${folder} was created; imported mail will be moved there` };
  } catch (error) {
    const e = (error ?? {}) as ErrorLike;
    return { step: "imap_processed_folder", ok: false, message: `Folder ${folder} does not exist and could not be created: ${String(e.responseText ?? e.message ?? error)}` };
  }
}

async function testSmtp(p: ConnectionParams): Promise<ConnectionStep> {
  const host = p.smtpAddress ?? "";
  if (!host) return { step: "smtp", ok: false, message: "Enter the SMTP server's host name" };
  const login = p.smtpLogin || p.email;
  const where = `${host}:${p.smtpPort}`;
  const useAuth = p.smtpAuthentication !== "none";
  const transport = nodemailer.createTransport({
    host,
    port: p.smtpPort,
    secure: p.smtpEnableSslTls,
    ignoreTLS: !p.smtpEnableSslTls && !p.smtpEnableStarttlsAuto,
    name: p.smtpDomain || undefined,
    auth: useAuth ? { user: login, pass: p.smtpPassword ?? "" } : undefined,
    authMethod: AUTH_METHODS[p.smtpAuthentication],
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.verify();
    return { step: "smtp", ok: true, message: useAuth ? `Connected to ${where} and signed in as ${login}` : `Connected to ${where}` };
  } catch (error) {
    const e = (error ?? {}) as ErrorLike;
    if (e.code === "EAUTH") return { step: "smtp", ok: false, message: `The SMTP server refused the password for ${login} (${String(e.response ?? e.message).slice(0, 200)})` };
    const reason = networkReason(error);
    if (reason) return { step: "smtp", ok: false, message: `Could not reach ${where}: ${reason}` };
    return { step: "smtp", ok: false, message: `The SMTP server ${where} answered: ${String(e.response ?? e.message ?? error).slice(0, 300)}` };
  } finally {
    transport.close();
  }
}
