import { Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { loadAccountContext } from "@/app/_server/account-context";
import { firstParam, optionalId, type SearchParams } from "@/app/_server/page-data";
import { CONVERSATIONS_PER_PAGE } from "@/lib/conversations/list-conversations";
import { MAX_SEARCH_PAGE } from "@/lib/search/search-conversations";
import { snippet } from "@/lib/search/terms";
import { Highlighted } from "@/components/search/highlighted";
import { Avatar } from "@/components/ui/avatar";
import { StatusBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { loadSearchScreen } from "./load-search";

export const metadata: Metadata = { title: "Search" };

/** Search conversations (text, subject, contact, #number) and contacts; `/` anywhere in the app comes here. */
export default async function SearchPage(props: { params: Promise<{ accountId: string }>; searchParams: Promise<SearchParams> }) {
  const [{ accountId: raw }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const ctx = await loadAccountContext(raw);
  const q = firstParam(searchParams, "q")?.trim().slice(0, 200) ?? "";
  const page = Math.min(optionalId(searchParams.page) ?? 1, MAX_SEARCH_PAGE);
  const base = `/app/accounts/${ctx.accountId}`;
  const result = q ? await loadSearchScreen(ctx, { q, page }) : null;
  const terms = result?.found.terms ?? [];
  const total = result?.found.meta.allCount ?? 0;
  const pageHref = (p: number) => `${base}/search?${new URLSearchParams({ q, page: String(p) })}`;

  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
      <PageHeader
        title="Search"
        description={result ? `${total.toLocaleString("en-US")}${result.found.capped ? "+" : ""} ${total === 1 && !result.found.capped ? "conversation" : "conversations"} matching “${q}”` : "Conversations by text, subject, contact or #number, and contacts"}
        actions={
          <form role="search" action={`${base}/search`} className="flex items-center gap-2">
            <label htmlFor="global-search" className="sr-only">
              Search
            </label>
            <div className="relative">
              <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" aria-hidden="true" />
              <Input id="global-search" name="q" type="search" defaultValue={q} autoFocus placeholder="Words, an address, #42…" className="w-72 pl-8" />
            </div>
            <button type="submit" className={buttonClass("secondary")}>
              Search
            </button>
          </form>
        }
      />
      {!result ? (
        <EmptyState title="Type to search">Press / anywhere to come here, or Ctrl+K for the command bar.</EmptyState>
      ) : (
        <div className="grid gap-6 p-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
          <section aria-labelledby="search-conversations">
            <h2 id="search-conversations" className="mb-2 text-sm font-semibold text-slate-700">
              Conversations
            </h2>
            {result.found.conversations.length === 0 ? (
              <EmptyState title="No conversations match">Try fewer words, or the beginning of a word.</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="search-results">
                {result.found.conversations.map((c) => {
                  const name = c.contact.name || c.contact.email || `Contact #${c.contact.id}`;
                  const text = c.match?.content ? snippet(c.match.content, terms) : null;
                  return (
                    <li key={c.id}>
                      <Link href={`${base}/conversations/${c.displayId}`} prefetch={false} className="flex gap-3 px-4 py-3 hover:bg-slate-50">
                        <Avatar name={name} />
                        <div className="min-w-0 flex-1">
                          <div className="flex items-center gap-2">
                            <p className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900">
                              <Highlighted text={name} terms={terms} />
                              {c.contact.email && c.contact.name ? (
                                <span className="ml-1 font-normal text-slate-500">
                                  <Highlighted text={c.contact.email} terms={terms} />
                                </span>
                              ) : null}
                            </p>
                            <StatusBadge status={c.status} />
                          </div>
                          {c.subject ? (
                            <p className="truncate text-sm text-slate-700">
                              <Highlighted text={c.subject} terms={terms} />
                            </p>
                          ) : null}
                          {text ? (
                            <p className="mt-0.5 line-clamp-2 text-sm text-slate-500">
                              {c.match?.private ? <span className="mr-1 font-medium text-amber-700">Note:</span> : null}
                              <Highlighted text={text} terms={terms} />
                            </p>
                          ) : null}
                          <p className="mt-1 text-xs text-slate-500">
                            #{c.displayId} · {c.inbox.name}
                          </p>
                        </div>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            )}
            {total > CONVERSATIONS_PER_PAGE ? (
              <nav aria-label="Result pages" className="mt-3 flex items-center gap-2 text-sm">
                {page > 1 ? <Link href={pageHref(page - 1)} className={buttonClass("secondary")}>Previous</Link> : null}
                <span className="text-slate-500">
                  Page {page}
                  {result.found.capped ? "" : ` of ${Math.ceil(total / CONVERSATIONS_PER_PAGE)}`}
                </span>
                {page * CONVERSATIONS_PER_PAGE < total && page < MAX_SEARCH_PAGE ? <Link href={pageHref(page + 1)} className={buttonClass("secondary")}>Next</Link> : null}
              </nav>
            ) : null}
          </section>
          {page === 1 ? (
            <section aria-labelledby="search-contacts">
              <h2 id="search-contacts" className="mb-2 text-sm font-semibold text-slate-700">
                Contacts
              </h2>
              {result.contacts.length === 0 ? (
                <p className="text-sm text-slate-500">No contacts match.</p>
              ) : (
                <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                  {result.contacts.map((c) => (
                    <li key={c.id}>
                      <Link href={`${base}/contacts/${c.id}`} prefetch={false} className="block px-3 py-2 hover:bg-slate-50">
                        <p className="truncate text-sm font-medium text-slate-900">
                          <Highlighted text={c.name || c.email || `Contact #${c.id}`} terms={terms} />
                        </p>
                        {c.email && c.name ? (
                          <p className="truncate text-xs text-slate-500">
                            <Highlighted text={c.email} terms={terms} />
                          </p>
                        ) : null}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
              {result.contactCount > result.contacts.length ? (
                <Link href={`${base}/contacts?${new URLSearchParams({ q })}`} className="mt-2 inline-block text-sm text-brand-600 hover:underline">
                  All {result.contactCount.toLocaleString("en-US")} contacts
                </Link>
              ) : null}
            </section>
          ) : null}
        </div>
      )}
    </div>
  );
}
