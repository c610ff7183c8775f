import addressparser from "nodemailer/lib/addressparser";
import type { RoutingFields } from "@/lib/email/route/route-inbound";

/**
 * Only what routing needs (To, Cc, Bcc, Delivered-To, X-Original-To) from the header block of raw
 * bytes, without a full MIME parse: a message whose body is broken must still reach its inbox,
 * where it is stored and quarantined with its error instead of bouncing.
 */
export function routingFieldsFromRaw(raw: Buffer): RoutingFields {
  const text = raw.subarray(0, 256 * 1024).toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  const block = (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const values = (name: string) =>
    block
      .split(/\r?\n/)
      .filter((line) => line.toLowerCase().startsWith(`${name}:`))
      .map((line) => line.slice(name.length + 1).trim());
  const addresses = (name: string) =>
    values(name)
      .flatMap((v) => addressparser(v, { flatten: true }))
      .map((a) => ({ name: a.name ?? "", address: (a.address ?? "").toLowerCase() }))
      .filter((a) => a.address.includes("@"));
  return {
    to: addresses("to"),
    cc: addresses("cc"),
    // A Bcc header is rare on received mail (the envelope carries Bcc recipients), but where a
    // server kept it, it names an inbox the mail is for just as well.
    envelopeRecipients: [...addresses("delivered-to"), ...addresses("x-original-to"), ...addresses("bcc")].map((a) => a.address),
  };
}
