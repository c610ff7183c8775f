import { htmlToPlainText } from "@/lib/messages/rich-content";

/** The body of an outgoing email in both parts: `html` is a whole document. */
export type MailBody = { text: string; html: string };

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The HTML of an agent's plain reply: paragraphs and line breaks, everything escaped. */
export function textToHtmlFragment(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

const documentOf = (fragment: string) => `<!doctype html><html><body>${fragment}</body></html>`;
const squash = (s: string) => s.replace(/\s+/g, " ").trim();
// What the agent quoted (`> ` lines) does not count as their own text.
const unquoted = (text: string) =>
  text
    .split("\n")
    .filter((line) => !line.startsWith(">"))
    .join("\n");

/**
 * An outgoing reply's two parts with the signatures (sanitized HTML, the agent's then the inbox's)
 * appended once, after the conventional "-- " line. A signature the agent already wrote in their
 * own text (not in a quote) is not added again, so it is never in the mail twice.
 */
export function mailBody(message: { content: string | null; contentHtml: string | null }, signatures: ReadonlyArray<string | null | undefined>): MailBody {
  const text = message.content ?? "";
  const fragment = message.contentHtml ?? textToHtmlFragment(text);
  const own = squash(unquoted(text));
  const added = signatures
    .filter((s): s is string => typeof s === "string" && s.trim().length > 0)
    .map((html) => ({ html, text: htmlToPlainText(html) }))
    .filter((s) => s.text.length > 0 && !own.includes(squash(s.text)));
  if (added.length === 0) return { text, html: documentOf(fragment) };
  return {
    text: `${text.replace(/\s+$/, "")}\n\n-- \n${added.map((s) => s.text).join("\n\n")}`,
    html: documentOf(`${fragment}\n<div data-signature>-- <br>${added.map((s) => s.html).join("\n")}</div>`),
  };
}
