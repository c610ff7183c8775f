/**
 * The one place that makes text from mail storable in PostgreSQL. PostgreSQL refuses U+0000 in
 * `text` and `jsonb`, and a lone UTF-16 surrogate in `jsonb` (JSON.stringify writes it as an
 * escape PostgreSQL rejects). Mail is written by strangers and carries both: a raw 0x00, a
 * quoted-printable `=00`, a broken UTF-16 part. The parser's output (bodies, headers, names,
 * parse errors) and every error text written to the database (raw_emails.error,
 * channel_email.last_error, job_runs.last_error) pass through here, so recording a failure can
 * never fail on the failure's own text.
 */

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;

/** The text without U+0000 and with every lone surrogate replaced by U+FFFD. */
export function storableText(value: string): string {
  const withoutNul = value.includes("\u0000") ? value.replace(NUL, "") : value;
  return withoutNul.isWellFormed() ? withoutNul : withoutNul.toWellFormed();
}

/**
 * `storableText` applied to every string inside plain objects and arrays (a parsed email, a
 * jsonb value). Buffers, dates and other class instances are left as they are.
 */
export function storableDeep<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => storableDeep(item)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[storableText(key)] = storableDeep(item);
    return out as T;
  }
  return value;
}

/** Error texts are stored and shown whole: long enough for a reason, never a message body. */
export const MAX_ERROR_TEXT = 1000;

/** `text`, storable, on one line, at most `max` characters (an ellipsis marks the cut). */
export function cappedText(text: string, max = MAX_ERROR_TEXT): string {
  const line = storableText(text).replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/**
 * An error in words that can be stored and logged: its message, storable, on one line, capped.
 * A failed database statement (drizzle's "Failed query: … params: …") is described by the
 * database's own reason only: its parameters hold whole message bodies, which must reach
 * neither the logs nor an admin's screen.
 */
export function errorText(error: unknown, max = MAX_ERROR_TEXT): string {
  return cappedText(errorMessage(error), max) || "unknown error";
}

function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message.startsWith("Failed query:")) {
    const cause = error.cause instanceof Error ? error.cause.message : "no reason given";
    return `The database refused a statement (${cause})`;
  }
  return error.message;
}
