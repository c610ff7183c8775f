/**
 * Whom an automatic reply must never answer (RFC 3834 §2 and what mail systems do in practice).
 * The import already classified the mail from its headers (lib/email/classify): `auto_reply`
 * covers Auto-Submitted other than "no", X-Autoreply and kin, Exchange's generated-message headers,
 * an empty Return-Path, Precedence bulk/junk and delivery reports; `list` covers List-Id,
 * List-Unsubscribe and Precedence list; bounces never become messages at all. The address is
 * checked here: robots that send without any of those headers.
 */
const ROBOT_LOCAL_PART = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|daemon|automailer|auto-?reply|notifications?)([+._-].*)?$/i;

export type AutoReplyRefusal = "automatic mail" | "list mail" | "no sender address" | "a robot address";

export function refuseAutoReply(mail: { kind: unknown; from: string | null }): AutoReplyRefusal | null {
  if (mail.kind === "auto_reply") return "automatic mail";
  if (mail.kind === "list") return "list mail";
  if (!mail.from || !mail.from.includes("@")) return "no sender address";
  const local = mail.from.split("@")[0];
  if (ROBOT_LOCAL_PART.test(local) || /^bounce/i.test(local)) return "a robot address";
  return null;
}

/** At most one automatic reply of a kind to a contact per this period. */
export const AUTO_REPLY_PERIOD_HOURS = 24;
