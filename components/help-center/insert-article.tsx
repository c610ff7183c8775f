"use client";

import { BookOpen } from "lucide-react";
import { useEffect, useRef, useState, useTransition } from "react";
import { searchArticleLinksAction } from "@/app/_server/actions/help-center";
import type { ArticleLink } from "@/lib/help-center/agent-search";

/**
 * The composer's help-center button: search the account's published articles and insert one as
 * "Title: URL" (the portal's public address, custom domain first) into the reply.
 */
export function InsertArticle({ accountId, onInsert }: { accountId: number; onInsert: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<ArticleLink[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    input.current?.focus();
    const timer = setTimeout(() => {
      start(async () => {
        const r = await searchArticleLinksAction({ accountId, query });
        if (r.ok) {
          setResults(r.data);
          setError(null);
        } else setError(r.error);
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [open, query, accountId]);

  return (
    <div className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <BookOpen className="size-3.5" aria-hidden="true" /> Insert article
      </button>
      {open ? (
        <div
          role="dialog"
          aria-label="Insert a help-center article"
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
            // The picker sits inside the composer's form: Enter must not send the reply.
            if (e.key === "Enter") {
              e.preventDefault();
              if (results[0]) {
                onInsert(`${results[0].title}: ${results[0].url}`);
                setOpen(false);
                setQuery("");
              }
            }
          }}
          className="absolute bottom-full left-0 z-20 mb-1 w-96 max-w-[90vw] rounded-lg border border-slate-200 bg-white p-2 shadow-lg"
        >
          <label htmlFor="insert-article-search" className="sr-only">
            Search articles
          </label>
          <input
            id="insert-article-search"
            ref={input}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search published articles"
            className="mb-2 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus:outline-none"
          />
          {error ? <p className="px-1 text-xs text-red-700">{error}</p> : null}
          <ul className="max-h-64 overflow-y-auto" aria-busy={pending}>
            {results.length === 0 && !pending ? <li className="px-2 py-3 text-center text-xs text-slate-500">No published article matches.</li> : null}
            {results.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  onClick={() => {
                    onInsert(`${r.title}: ${r.url}`);
                    setOpen(false);
                    setQuery("");
                  }}
                  className="block w-full rounded-md px-2 py-1.5 text-left hover:bg-slate-100"
                >
                  <span className="block text-sm font-medium text-slate-900">{r.title}</span>
                  <span className="block truncate text-xs text-slate-500">
                    {r.portalName} · {r.locale} · {r.url}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
