/**
 * A stable reply subject (docs/email.md, Sending): "Re: " + the original, without stacking the prefixes mail
 * clients add in various languages (Re, Fwd, AW, SV, ...), the counters some add ("Re[2]:"), or
 * our own conversation tag, which is kept once after the prefix.
 */
const PREFIX = /^\s*(re|fwd?|aw|sv|wg|antw|vs|tr|rif|r|ref)\s*(\[\d+\]|\(\d+\))?\s*[:：]\s*/i;
const TAG = /^\s*(\[#\d+\])\s*/;

export function stripSubjectPrefixes(subject: string): { tag: string | null; base: string } {
  let rest = subject.replace(/\s+/g, " ").trim();
  let tag: string | null = null;
  for (;;) {
    const prefix = PREFIX.exec(rest);
    if (prefix) {
      rest = rest.slice(prefix[0].length);
      continue;
    }
    const t = TAG.exec(rest);
    if (t) {
      tag ??= t[1];
      rest = rest.slice(t[0].length);
      continue;
    }
    return { tag, base: rest.trim() };
  }
}

export function replySubject(original: string | null | undefined, fallback = "Your message"): string {
  const { tag, base } = stripSubjectPrefixes(original ?? "");
  const text = base || (tag ? "" : fallback);
  return ["Re:", tag, text].filter(Boolean).join(" ");
}
