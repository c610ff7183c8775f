import { Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { MAX_CONTACT_PAGE } from "@/lib/contacts/contacts";
import { loadAccountContext } from "@/app/_server/account-context";
import { loadContactsScreen } from "./load-contacts";
import { firstParam, optionalId, type SearchParams } from "@/app/_server/page-data";
import { Alert } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { shortAgo } from "@/components/format";
import { ContactsFilterBar } from "@/components/contacts/contacts-filter-bar";
import { ContactViews } from "@/components/contacts/contact-views";
import { decodeFilter } from "@/components/conversations/filter-url";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage(props: { params: Promise<{ accountId: string }>; searchParams: Promise<SearchParams> }) {
  const [{ accountId: raw }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const ctx = await loadAccountContext(raw);
  if (!ctx.can("contact_manage")) {
    return (
      <div className="p-6">
        <Alert tone="info">Your role does not include contacts.</Alert>
      </div>
    );
  }
  const q = firstParam(searchParams, "q")?.trim().slice(0, 200) ?? "";
  const page = Math.min(optionalId(searchParams.page) ?? 1, MAX_CONTACT_PAGE);
  const viewId = optionalId(searchParams.view);
  const urlFilter = decodeFilter(firstParam(searchParams, "filter"));
  const screen = await loadContactsScreen(ctx, { q, page, filter: urlFilter, viewId });
  const result = screen.page ?? { contacts: [], count: 0, countCapped: false, perPage: 1 };
  // A capped count ("1,000+") does not say how many pages there are: offer the next one while pages are full.
  const pages = Math.max(1, Math.ceil(result.count / result.perPage));
  const hasNext = page < pages || (result.countCapped && result.contacts.length === result.perPage && page < MAX_CONTACT_PAGE);
  const shownCount = `${result.count.toLocaleString("en-US")}${result.countCapped ? "+" : ""}`;
  const base = `/app/accounts/${ctx.accountId}/contacts`;
  const pageHref = (p: number) =>
    `${base}?${new URLSearchParams({ ...(q ? { q } : {}), ...(viewId ? { view: String(viewId) } : {}), ...(urlFilter ? { filter: firstParam(searchParams, "filter") ?? "" } : {}), page: String(p) })}`;
  const now = new Date();

  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
      <PageHeader
        title={screen.view?.name ?? "Contacts"}
        description={`${shownCount} ${result.count === 1 && !result.countCapped ? "contact" : "contacts"}${q ? ` matching “${q}”` : ""}`}
        actions={
          <form role="search" action={base} className="flex items-center gap-2">
            <label htmlFor="contact-search" className="sr-only">
              Search contacts
            </label>
            <div className="relative">
              <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" aria-hidden="true" />
              <Input id="contact-search" name="q" type="search" defaultValue={q} placeholder="Name, email, phone…" className="w-64 pl-8" />
            </div>
            <button type="submit" className={buttonClass("secondary")}>
              Search
            </button>
          </form>
        }
      />
      <div className="flex min-w-0 flex-col gap-6 p-6 md:flex-row">
        <ContactViews accountId={ctx.accountId} views={screen.views} currentId={screen.view?.id ?? null} />
        <div className="min-w-0 flex-1 space-y-3">
        <ContactsFilterBar accountId={ctx.accountId} filter={screen.filter} view={screen.view} filterError={screen.filterError} />
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
          {result.contacts.length === 0 ? (
            <EmptyState title={q ? "No contacts match your search" : screen.filter ? "No contacts match this filter" : "No contacts yet"}>
              {q || screen.filter ? (
                <Link href={base} className="text-brand-600 hover:underline">
                  {q ? "Clear the search" : "Show all contacts"}
                </Link>
              ) : (
                "Contacts appear here when customers write in."
              )}
            </EmptyState>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Name</th>
                  <th scope="col" className="px-4 py-2.5">Email</th>
                  <th scope="col" className="hidden px-4 py-2.5 md:table-cell">Phone</th>
                  <th scope="col" className="hidden px-4 py-2.5 lg:table-cell">Last activity</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.contacts.map((c) => {
                  const name = c.name || c.email || `Contact #${c.id}`;
                  return (
                    <tr key={c.id} className="hover:bg-slate-50">
                      <td className="px-4 py-2.5">
                        <Link href={`${base}/${c.id}`} className="flex items-center gap-2.5 font-medium text-slate-900 hover:text-brand-700">
                          <Avatar name={name} size="sm" />
                          {name}
                        </Link>
                      </td>
                      <td className="px-4 py-2.5 text-slate-600">{c.email ?? "—"}</td>
                      <td className="hidden px-4 py-2.5 text-slate-600 md:table-cell">{c.phoneNumber ?? "—"}</td>
                      <td className="hidden px-4 py-2.5 text-slate-500 lg:table-cell">{c.lastActivityAt ? shortAgo(c.lastActivityAt, now) : "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
        {pages > 1 || hasNext ? (
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
            {page > 1 ? <Link href={pageHref(page - 1)} className="font-medium text-brand-600 hover:underline">Previous</Link> : <span className="text-slate-300">Previous</span>}
            <span className="text-xs text-slate-500">{result.countCapped ? `Page ${page}` : `Page ${page} of ${pages}`}</span>
            {hasNext ? <Link href={pageHref(page + 1)} className="font-medium text-brand-600 hover:underline">Next</Link> : <span className="text-slate-300">Next</span>}
          </nav>
        ) : null}
        </div>
      </div>
    </div>
  );
}
