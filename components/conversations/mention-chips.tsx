import { AtSign } from "lucide-react";
import type { ReactNode } from "react";

// Chatwoot's mention markup in a note's text: [@Name](mention://user/42/Name).
const MENTION = /\[@([^\]]{1,200})\]\(mention:\/\/user\/(\d+)\/[^)]*\)/g;

/** A note's text with each @mention as a chip naming the agent (the rest stays text). */
export function MentionText({ text }: { text: string }): ReactNode {
  if (!text.includes("mention://user/")) return text;
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(
      <span key={at} data-mention-user={m[2]} className="inline-flex items-center gap-0.5 rounded bg-amber-200/70 px-1 font-medium text-amber-950">
        <AtSign className="size-3" aria-hidden="true" />
        {m[1].replace(/^@/, "")}
      </span>,
    );
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
