import { ImapFlow } from "imapflow";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import { resolveOutbound, type OutboundTarget } from "@/lib/net/outbound-policy";
import { describeConnectFailure } from "./connection-errors";
import { imapTlsMode, smtpTlsMode, type TlsMode } from "./tls-mode";

/**
 * "Test connection" in the inbox wizard: tries the values of the form, without saving or changing
 * anything (not even creating the processed folder: that happens when the inbox is saved), and
 * reports each step in words an administrator can act on. Every network step is bounded (about
 * 10 s) so a wrong host or a firewall gives an answer instead of a spinner. Hosts go through the
 * outbound address policy, and the connection goes to the address that was checked.
 */
export type ConnectionStep = {
  step: "imap_login" | "imap_folder" | "imap_processed_folder" | "imap_tls" | "smtp" | "smtp_tls";
  ok: boolean;
  message: string;
  /** It worked, but the admin should know (e.g. signed in without encryption). */
  warning?: boolean;
};

export type ConnectionParams = {
  imapEnabled: boolean;
  imapAddress?: string | null;
  imapPort: number;
  imapLogin?: string | null;
  imapPassword?: string | null;
  imapEnableSsl: boolean;
  imapEnableStarttlsAuto?: boolean;
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

type ErrorLike = { code?: unknown; authenticationFailed?: unknown; responseText?: unknown; response?: unknown; message?: unknown };

const plainWarning = (protocol: string, where: string, mode: TlsMode) =>
  mode === "none"
    ? `${protocol}: no encryption was chosen, so the password and mail travel unencrypted to ${where}`
    : `${protocol}: ${where} does not offer STARTTLS, so Postdesk signed in without encryption (password and mail travel unencrypted). Choose SSL/TLS or a port that offers STARTTLS if the server has one`;

export async function testEmailConnection(params: ConnectionParams): Promise<ConnectionStep[]> {
  // Both at once, so a dead host costs the admin one timeout, not two.
  const [imap, smtp] = await Promise.all([params.imapEnabled ? testImap(params) : [], params.smtpEnabled ? testSmtp(params) : []]);
  return [...imap, ...smtp];
}

/** The checked address, or the step that explains why there is none. */
async function resolveStep(host: string, port: number, protocol: "imap" | "smtp", implicitTls: boolean): Promise<OutboundTarget | string> {
  try {
    return await resolveOutbound(host);
  } catch (error) {
    return describeConnectFailure(error, { host, port, protocol, implicitTls }) ?? `Could not connect to ${host}:${port}`;
  }
}

async function testImap(p: ConnectionParams): Promise<ConnectionStep[]> {
  const host = p.imapAddress ?? "";
  const login = p.imapLogin || p.email;
  const mode = imapTlsMode(p);
  if (!host) return [{ step: "imap_login", ok: false, message: "Enter the IMAP server's host name" }];
  const target = await resolveStep(host, p.imapPort, "imap", mode === "tls");
  if (typeof target === "string") return [{ step: "imap_login", ok: false, message: target }];
  const client = new ImapFlow({
    host: target.address,
    servername: target.servername,
    port: p.imapPort,
    secure: mode === "tls",
    doSTARTTLS: mode === "none" ? false : undefined,
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
    const words = describeConnectFailure(error, { host, port: p.imapPort, protocol: "imap", implicitTls: mode === "tls" });
    return [{ step: "imap_login", ok: false, message: words ?? `Could not connect to ${host}:${p.imapPort}` }];
  }
  steps.push({ step: "imap_login", ok: true, message: `Signed in to ${host} as ${login}` });
  if (!client.secureConnection) steps.push({ step: "imap_tls", ok: true, warning: true, message: plainWarning("IMAP", `${host}:${p.imapPort}`, mode) });
  try {
    const folders = await client.list();
    const has = (name: string) => folders.some((f) => f.path === name || (name.toUpperCase() === "INBOX" && f.path.toUpperCase() === "INBOX"));
    if (has(p.imapFolder)) {
      const status = await client.status(p.imapFolder, { messages: true });
      steps.push({ step: "imap_folder", ok: true, message: `Folder ${p.imapFolder} exists (${status ? (status.messages ?? 0) : 0} messages)` });
    } else {
      steps.push({ step: "imap_folder", ok: false, message: `Folder ${p.imapFolder} does not exist on ${host}` });
    }
    if (p.imapAfterImport === "move") {
      const folder = p.imapProcessedFolder;
      steps.push(
        has(folder)
          ? { step: "imap_processed_folder", ok: true, message: `Folder ${folder} exists; imported mail will be moved there` }
          : { step: "imap_processed_folder", ok: true, message: `Folder ${folder} does not exist and will be created when you save` },
      );
    }
  } catch (error) {
    steps.push({ step: "imap_folder", ok: false, message: `Could not list the folders: ${String((error as ErrorLike).message ?? error)}` });
  } finally {
    await client.logout().catch(() => client.close());
  }
  return steps;
}

/** One SMTPConnection call as a promise; a socket error or hang-up during it rejects it too. */
function smtpCall(connection: SMTPConnection, run: (done: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => reject(error);
    const closed = () => reject(Object.assign(new Error("Connection closed"), { code: "ECONNECTION" }));
    connection.once("error", fail);
    connection.once("end", closed);
    run((error) => {
      connection.off("error", fail);
      connection.off("end", closed);
      if (error) reject(error);
      else resolve();
    });
  });
}

async function testSmtp(p: ConnectionParams): Promise<ConnectionStep[]> {
  const host = p.smtpAddress ?? "";
  if (!host) return [{ step: "smtp", ok: false, message: "Enter the SMTP server's host name" }];
  const login = p.smtpLogin || p.email;
  const where = `${host}:${p.smtpPort}`;
  const mode = smtpTlsMode(p);
  const useAuth = p.smtpAuthentication !== "none";
  const target = await resolveStep(host, p.smtpPort, "smtp", mode === "tls");
  if (typeof target === "string") return [{ step: "smtp", ok: false, message: target }];
  // SMTPConnection rather than a transport's verify(): it tells whether the session is encrypted.
  const connection = new SMTPConnection({
    host: target.address,
    // The certificate is checked against the name typed, not the address connected to.
    tls: target.servername ? { servername: target.servername } : undefined,
    port: p.smtpPort,
    secure: mode === "tls",
    ignoreTLS: mode === "none",
    name: p.smtpDomain || undefined,
    authMethod: AUTH_METHODS[p.smtpAuthentication],
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  connection.on("error", () => undefined);
  try {
    await smtpCall(connection, (done) => connection.connect(() => done()));
    const secured = connection.secure;
    if (useAuth) await smtpCall(connection, (done) => connection.login({ user: login, pass: p.smtpPassword ?? "" }, (error) => done(error)));
    const steps: ConnectionStep[] = [{ step: "smtp", ok: true, message: useAuth ? `Connected to ${where} and signed in as ${login}` : `Connected to ${where}` }];
    if (!secured) steps.push({ step: "smtp_tls", ok: true, warning: true, message: plainWarning("SMTP", where, mode) });
    return steps;
  } catch (error) {
    const e = (error ?? {}) as ErrorLike;
    if (e.code === "EAUTH") return [{ step: "smtp", ok: false, message: `The SMTP server refused the password for ${login} (${String(e.response ?? e.message).slice(0, 200)})` }];
    const words = describeConnectFailure(error, { host, port: p.smtpPort, protocol: "smtp", implicitTls: mode === "tls" });
    return [{ step: "smtp", ok: false, message: words ?? `Could not connect to ${where}` }];
  } finally {
    connection.close();
  }
}
