/**
 * Where quoted history or a signature starts in a plain-text mail, as a line index; the view folds
 * everything from there. Recognises what clients actually write: "On … wrote:" (in a few
 * languages, sometimes wrapped over two lines), Outlook's "-----Original Message-----" and
 * "From: … Sent: …" header blocks, a trailing run of `>` lines, and the "-- " signature delimiter.
 */
const ORIGINAL = /^\s*-{2,}\s*(original message|forwarded message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale)\s*-{2,}\s*$/i;
const WROTE = /^\s*(on|le|am|el|il|op|em)\s.{4,300}(wrote|a écrit|schrieb|escribió|ha scritto|schreef|escreveu)\s*:\s*$/i;
const WROTE_START = /^\s*(on|le|am|el|il|op|em)\s/i;
const WROTE_END = /(wrote|a écrit|schrieb|escribió|ha scritto|schreef|escreveu)\s*:\s*$/i;
const HEADER_FROM = /^\s*\*?(from|de|von|van|da)\s*:\*?\s/i;
const HEADER_SENT = /^\s*\*?(sent|date|envoyé|gesendet|verzonden|enviado|inviato|datum)\s*:\*?\s/i;
const UNDERSCORES = /^\s*_{20,}\s*$/;
const SIGNATURE = /^-- ?$/;

export function quoteStartLine(lines: string[]): number | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (ORIGINAL.test(line) || WROTE.test(line) || SIGNATURE.test(line)) return i;
    if (WROTE_START.test(line) && i + 1 < lines.length && WROTE_END.test(lines[i + 1]) && !WROTE_END.test(line)) {
      return i;
    }
    if (UNDERSCORES.test(line) && lines.slice(i + 1, i + 3).some((l) => HEADER_FROM.test(l))) return i;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 5).some((l) => HEADER_SENT.test(l))) return i;
    if (line.startsWith(">") && onlyQuotedAfter(lines, i)) return i;
  }
  return null;
}

/** True when every non-blank line from `start` on is `>`-quoted: a trailing quote, not an inline reply. */
function onlyQuotedAfter(lines: string[], start: number): boolean {
  for (let j = start; j < lines.length; j++) {
    const l = lines[j].trim();
    if (l && !l.startsWith(">")) return false;
  }
  return true;
}

export type QuoteSplit = { body: string; quoted: string | null };

export function splitQuotedText(text: string): QuoteSplit {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const start = quoteStartLine(lines);
  if (start === null) return { body: text, quoted: null };
  const body = lines.slice(0, start).join("\n").trimEnd();
  // A mail that is nothing but a quote (a bare forward) keeps it all visible.
  if (!body.trim()) return { body: text, quoted: null };
  return { body, quoted: lines.slice(start).join("\n").trim() };
}
