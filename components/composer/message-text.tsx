import type { MessageDetails } from "@/lib/messages/types";
import { MentionText } from "@/components/conversations/mention-chips";

// Links in an agent's formatted message open beside the app (the HTML holds only href: it was sanitized when stored).
const withLinkTargets = (html: string) => html.replace(/<a href=/g, '<a target="_blank" rel="noopener noreferrer" href=');
// An @mention in a formatted note is a chip naming the agent, as in a plain one (mention-chips.tsx).
const withMentionChips = (html: string) =>
  html.replace(
    /<a href="mention:\/\/user\/(\d+)\/[^"]*">([^<]*)<\/a>/g,
    '<span data-mention-user="$1" class="inline-flex items-center rounded bg-amber-200/70 px-1 font-medium text-amber-950">$2</span>',
  );

/**
 * What an agent or contact wrote, as the thread shows it: the formatted HTML of a rich reply or
 * note (sanitized with the narrow allowlist when stored, lib/email/content/sanitize-html.ts), or
 * the plain text as typed, a note's @mentions as chips.
 */
export function MessageText({ m }: { m: Pick<MessageDetails, "content" | "contentHtml" | "private"> }) {
  if (!m.contentHtml) return m.private ? <MentionText text={m.content ?? ""} /> : <>{m.content}</>;
  return <div className="rich-text whitespace-normal" dangerouslySetInnerHTML={{ __html: withLinkTargets(withMentionChips(m.contentHtml)) }} />;
}
