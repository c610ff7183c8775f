import { OutboundRefusedError } from "@/lib/net/outbound-policy";

/**
 * Connection failures of IMAP and SMTP in words an administrator can act on, shared by Test
 * connection and the inbox health panel.
 *
 * What a failure may tell: DNS ("no such host"), the outbound policy's refusal, a TLS mismatch or
 * an untrusted certificate (a server that speaks, but not TLS). What it must not tell is whether a
 * port is closed, open but silent, or open and hanging up: those are all "could not connect to
 * host:port", otherwise Test connection is a port scanner for whoever may type a host. Hints that
 * depend only on the settings (993 without TLS) are fine: they reveal nothing about the server.
 */
type ErrorLike = { code?: unknown; message?: unknown; reason?: unknown; cause?: unknown };

const DNS_REASONS: Record<string, string> = {
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name could not be looked up",
  EAI_NONAME: "no such host",
};

const CERTIFICATE_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "is signed by an untrusted (self-signed) authority",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "is signed by an unknown authority",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "is signed by an unknown authority",
  UNABLE_TO_GET_ISSUER_CERT: "is signed by an unknown authority",
  CERT_HAS_EXPIRED: "has expired",
  CERT_NOT_YET_VALID: "is not valid yet",
  ERR_TLS_CERT_ALTNAME_INVALID: "was issued for another host name",
};

function codeOf(error: unknown): string {
  const e = (error ?? {}) as ErrorLike;
  return typeof e.code === "string" ? e.code : "";
}

function textOf(error: unknown): string {
  const e = (error ?? {}) as ErrorLike;
  return String(e.message ?? e.reason ?? "");
}

/** Walks an error and its causes. */
function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error, i = 0; e && i < 5; e = (e as ErrorLike).cause, i++) out.push(e);
  return out;
}

export type ConnectProtocol = "imap" | "smtp";

/**
 * The words for a failure before the server accepted a login: null when the error is not about
 * reaching the server (a refused login, a protocol answer), so the caller words it.
 */
export function describeConnectFailure(error: unknown, where: { host: string; port: number; protocol: ConnectProtocol; implicitTls: boolean }): string | null {
  const hostPort = `${where.host}:${where.port}`;
  const errors = chain(error);
  const refused = errors.find((e) => e instanceof OutboundRefusedError);
  if (refused) return (refused as OutboundRefusedError).message;
  for (const e of errors) {
    const code = codeOf(e);
    const dns = DNS_REASONS[code] ?? Object.entries(DNS_REASONS).find(([k]) => textOf(e).includes(k))?.[1];
    if (dns) return `Could not reach ${hostPort}: ${dns}`;
  }
  for (const e of errors) {
    const code = codeOf(e);
    const text = textOf(e);
    if (CERTIFICATE_CODES[code]) return `The TLS certificate of ${where.host} ${CERTIFICATE_CODES[code]}, so Postdesk does not trust the connection`;
    if (code === "ERR_SSL_WRONG_VERSION_NUMBER" || /wrong version number|packet length too long|unknown protocol/i.test(text)) {
      const other = where.protocol === "imap" ? "port 993" : "port 465";
      return where.implicitTls
        ? `The server does not speak TLS on port ${where.port} — try STARTTLS, or ${other}`
        : `The server does not speak STARTTLS properly on port ${where.port} — try another TLS choice`;
    }
    if (code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS") || /handshake|ssl routines/i.test(text)) {
      return `The secure connection (TLS) to ${hostPort} could not be set up — check the TLS choice and the port`;
    }
  }
  return `Could not connect to ${hostPort}${settingsHint(where)}`;
}

/** A hint from the settings alone (never from what the server did). */
function settingsHint(where: { port: number; protocol: ConnectProtocol; implicitTls: boolean }): string {
  if (where.protocol === "imap") {
    if (!where.implicitTls && where.port === 993) return " (port 993 expects SSL/TLS: choose it)";
    if (where.implicitTls && where.port === 143) return " (port 143 uses STARTTLS: choose it)";
  } else {
    if (!where.implicitTls && where.port === 465) return " (port 465 expects SSL/TLS: choose it)";
    if (where.implicitTls && (where.port === 587 || where.port === 25)) return ` (port ${where.port} uses STARTTLS: choose it)`;
  }
  return "";
}
