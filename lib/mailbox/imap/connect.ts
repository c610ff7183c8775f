import { ImapFlow } from "imapflow";
import type { ImapAuth } from "./credentials";

/**
 * Opens an IMAP connection with imapflow: implicit TLS when the inbox says so (993), otherwise a
 * plain connection upgraded with STARTTLS whenever the server offers it (143). Certificates are
 * verified. Timeouts are bounded so a dead server fails a poll instead of hanging it.
 */
export type ImapServer = { host: string; port: number; secure: boolean };

/**
 * `idle`: a long-lived connection waiting in IDLE (idle-watcher.ts) rather than one poll's. IDLE
 * is re-issued every 4 minutes (servers drop IDLE after 30; NAT boxes forget quiet connections
 * sooner), and the socket may stay quiet a little longer than that.
 */
export type ImapClientOptions = { idle?: boolean };

export async function openImapClient(server: ImapServer, auth: ImapAuth, options: ImapClientOptions = {}): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: server.secure,
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

/** Turns an imapflow / socket / TLS error into plain words for the inbox health panel. */
export function describeImapError(error: unknown, server: ImapServer, login: string): ImapProblem {
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const where = `${server.host}:${server.port}`;
  if (e.authenticationFailed === true) {
    return { message: `The IMAP server refused the login for ${login}: check the password`, reconnectNeeded: true };
  }
  const code = typeof e.code === "string" ? e.code : "";
  const reasons: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host name lookup failed",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    ECONNRESET: "connection reset by the server",
    ETIMEDOUT: "timed out",
    CONNECT_TIMEOUT: "timed out",
    GREETING_TIMEOUT: "the server did not greet in time",
    UPGRADE_TIMEOUT: "STARTTLS timed out",
    ETIMEOUT: "timed out",
    NoConnection: "the connection closed",
    EConnectionClosed: "the connection closed",
    ClosedAfterConnectText: "the server closed the connection; is TLS (port 993) expected?",
    ClosedAfterConnectTLS: "the server closed the TLS connection",
  };
  if (reasons[code]) return { message: `Could not connect to ${where} (${reasons[code]})`, reconnectNeeded: false };
  const text = String(e.responseText || e.reason || e.message || error);
  if (/certificate|self[- ]signed|SSL|TLS|wrong version number/i.test(text) || code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || code.includes("CERT")) {
    return { message: `Could not connect to ${where} (TLS failed: ${text})`, reconnectNeeded: false };
  }
  return { message: `The IMAP server ${where} answered with an error: ${text}`, reconnectNeeded: false };
}
