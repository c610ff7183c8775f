import { ImapFlow } from "imapflow";
import type { ChannelEmail } from "@/db/schema";
import { OutboundRefusedError, resolveOutbound } from "@/lib/net/outbound-policy";
import { describeConnectFailure } from "../connection-errors";
import type { ImapAuth } from "./credentials";

/**
 * Opens an IMAP connection with imapflow: implicit TLS when the inbox says so (993), otherwise a
 * plain connection upgraded with STARTTLS whenever the server offers it (143), or never upgraded
 * when the admin chose "None (unencrypted)". Certificates are verified (against the host name typed,
 * also when the connection goes to the address the outbound policy checked). Timeouts are bounded so a dead server fails a poll instead of hanging it.
 */
export type ImapServer = {
  host: string;
  port: number;
  secure: boolean;
  /** Typed by an admin (password mailboxes): through the outbound address policy, to the checked address. */
  userTyped?: boolean;
  /** false: never STARTTLS (the admin chose "None (unencrypted)"). */
  starttls?: boolean;
};

/** Where an inbox's IMAP server is, as every connection to it (poll, IDLE) must see it. */
export function imapServerOf(channel: Pick<ChannelEmail, "imapAddress" | "imapPort" | "imapEnableSsl" | "imapEnableStarttlsAuto" | "provider">): ImapServer {
  return {
    host: channel.imapAddress ?? "",
    port: channel.imapPort,
    secure: channel.imapEnableSsl,
    starttls: channel.imapEnableStarttlsAuto,
    userTyped: channel.provider === "password",
  };
}

/**
 * `idle`: a long-lived connection waiting in IDLE (idle-watcher.ts) rather than one poll's. IDLE
 * is re-issued every 4 minutes (servers drop IDLE after 30; NAT boxes forget quiet connections
 * sooner), and the socket may stay quiet a little longer than that.
 */
export type ImapClientOptions = { idle?: boolean };

export async function openImapClient(server: ImapServer, auth: ImapAuth, options: ImapClientOptions = {}): Promise<ImapFlow> {
  const target = server.userTyped ? await resolveOutbound(server.host) : null;
  const client = new ImapFlow({
    host: target?.address ?? server.host,
    ...(target ? { servername: target.servername } : {}),
    port: server.port,
    secure: server.secure,
    ...(server.starttls === false && !server.secure ? { doSTARTTLS: false } : {}),
    auth,
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: options.idle ? 300_000 : 120_000,
    // The poller holds the connection only for one poll: no IDLE between commands. The IDLE
    // watcher enters IDLE itself, after opening its folder.
    disableAutoIdle: true,
    ...(options.idle ? { maxIdleTime: 240_000 } : {}),
  });
  // imapflow emits 'error' for socket problems after connect; without a listener Node would crash.
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/** An IMAP problem an admin can act on, with its health consequence. */
export type ImapProblem = { message: string; reconnectNeeded: boolean };

type ErrorLike = { code?: unknown; authenticationFailed?: unknown; responseText?: unknown; message?: unknown; reason?: unknown };

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNRESET",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "GREETING_TIMEOUT",
  "UPGRADE_TIMEOUT",
  "ETIMEOUT",
  "NoConnection",
  "EConnectionClosed",
  "ClosedAfterConnectText",
  "ClosedAfterConnectTLS",
]);

/** Turns an imapflow / socket / TLS error into plain words for the inbox health panel. */
export function describeImapError(error: unknown, server: ImapServer, login: string): ImapProblem {
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const where = `${server.host}:${server.port}`;
  if (error instanceof OutboundRefusedError) return { message: `Could not connect to ${where}: ${error.message}`, reconnectNeeded: false };
  if (e.authenticationFailed === true) {
    return { message: `The IMAP server refused the login for ${login}: check the password`, reconnectNeeded: true };
  }
  const code = typeof e.code === "string" ? e.code : "";
  const text = String(e.responseText || e.reason || e.message || error);
  // Reaching the server failed: the same words as Test connection, which never tell a closed port
  // from a silent or hanging-up one (lib/mailbox/connection-errors.ts).
  if (NETWORK_CODES.has(code) || /certificate|self[- ]signed|SSL|TLS|wrong version number/i.test(text) || code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || code.includes("CERT")) {
    const words = describeConnectFailure(error, { host: server.host, port: server.port, protocol: "imap", implicitTls: server.secure });
    return { message: words ?? `Could not connect to ${where}`, reconnectNeeded: false };
  }
  return { message: `The IMAP server ${where} answered with an error: ${text}`, reconnectNeeded: false };
}
