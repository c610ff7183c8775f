/**
 * The text side of @mentions in a private note, kept apart from the picker so any editor can use
 * it: Chatwoot's markup `[@Name](mention://user/{id}/Name)`, which the server reads to notify.
 */
export type MentionCandidate = { id: number; name: string };

/** The "@query" being typed just before the caret (at a word start), or null. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@[\]()]{0,40})$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2] };
}

/** Candidates whose name contains the query (case-insensitive), names starting with it first. */
export function matchMentions(candidates: readonly MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const q = query.toLowerCase();
  const hits = candidates.filter((c) => c.name.toLowerCase().includes(q));
  hits.sort((a, b) => Number(!a.name.toLowerCase().startsWith(q)) - Number(!b.name.toLowerCase().startsWith(q)) || a.name.localeCompare(b.name));
  return hits.slice(0, limit);
}

export function mentionMarkup(c: MentionCandidate): string {
  const label = c.name.replace(/[[\]()]/g, "");
  return `[@${label}](mention://user/${c.id}/${encodeURIComponent(label)})`;
}

/** Replaces the "@query" at `at` with the mention markup and a space; returns the text and the new caret. */
export function insertMention(text: string, at: { start: number; query: string }, c: MentionCandidate): { text: string; caret: number } {
  const markup = `${mentionMarkup(c)} `;
  const end = at.start + 1 + at.query.length;
  return { text: text.slice(0, at.start) + markup + text.slice(end), caret: at.start + markup.length };
}
