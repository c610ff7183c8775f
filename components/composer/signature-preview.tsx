/**
 * Under an email reply: the signatures the sent mail will end with (the agent's, when they chose
 * to sign replies, then the inbox's), as lib/email/compose/signature.ts appends them after a
 * "-- " line. The thread shows the reply as written; this is what only the mail carries. The HTML
 * was sanitized when stored.
 */
export function SignaturePreview({ signatures }: { signatures: ReadonlyArray<string | null | undefined> }) {
  const shown = signatures.filter((s): s is string => typeof s === "string" && s.trim().length > 0);
  if (shown.length === 0) return null;
  return (
    <section aria-label="Signature" className="mx-3 mb-1 border-t border-dashed border-slate-200 pt-1 text-xs text-slate-500">
      <p className="font-medium text-slate-400">Signature added to the email</p>
      <div className="rich-text whitespace-normal">
        <p>-- </p>
        {shown.map((html, i) => (
          <div key={i} dangerouslySetInnerHTML={{ __html: html }} />
        ))}
      </div>
    </section>
  );
}
