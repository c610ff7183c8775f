import type { MessageDetails } from "@/lib/messages/types";

// Links in an agent's formatted message open beside the app (the HTML holds only href: it was sanitized when stored).
const withLinkTargets = (html: string) => html.replace(/<a href=/g, '<a target="_blank" rel="noopener noreferrer" href=');

/**
 * What an agent or contact wrote, as the thread shows it: the formatted HTML of a rich reply or
 * note (sanitized with the narrow allowlist when stored, lib/email/content/sanitize-html.ts), or
 * the plain text as typed.
 */
export function MessageText({ m }: { m: Pick<MessageDetails, "content" | "contentHtml"> }) {
  if (!m.contentHtml) return <>{m.content}</>;
  return <div className="rich-text whitespace-normal" dangerouslySetInnerHTML={{ __html: withLinkTargets(m.contentHtml) }} />;
}
