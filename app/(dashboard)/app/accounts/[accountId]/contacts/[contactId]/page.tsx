import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { loadAccountContext } from "@/app/_server/account-context";
import { parseId } from "@/app/_server/page-data";
import { loadContactScreen } from "../load-contacts";
import { loadOrganizeData } from "../../_conversations/load-organize";
import { getDb } from "@/db/client";
import { OrganizeProvider } from "@/components/labels/organize-context";
import { ContactAttributes } from "@/components/custom-attributes/attributes-panel";
import { MergeContact } from "@/components/contacts/merge-contact";
import { ContactMoveWatcher } from "@/components/contacts/contact-move-watcher";
import { MAX_CONTACT_CONVERSATIONS } from "@/lib/contacts/contact-conversations";
import { ContactForm } from "@/components/contacts/contact-form";
import { BlockContactButton, ContactNotes } from "@/components/contacts/contact-notes";
import { Avatar } from "@/components/ui/avatar";
import { StatusBadge } from "@/components/ui/badge";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";
import { DATE_TIME, shortAgo } from "@/components/format";
import { LocalTime } from "@/components/ui/local-time";

export const metadata: Metadata = { title: "Contact" };

export default async function ContactPage(props: { params: Promise<{ accountId: string; contactId: string }> }) {
  const { accountId: raw, contactId: rawContact } = await props.params;
  const ctx = await loadAccountContext(raw);
  const contactId = parseId(rawContact);
  const [{ contact, conversations, notes }, organize] = await Promise.all([
    loadContactScreen(ctx, contactId),
    // Labels and attribute definitions, with this contact's labels and attributes (editable here as in the side panel).
    loadOrganizeData(getDb(), ctx.actor, ctx.accountId, Promise.resolve(contactId)),
  ]);
  const isAdmin = ctx.account.role === "administrator";
  // Attributes without a definition (set through the API) are listed as they are; defined ones are edited above them.
  const defined = new Set(organize.definitions.filter((d) => d.model === "contact_attribute").map((d) => d.key));
  const attributes = Object.entries({ ...contact.additionalAttributes, ...contact.customAttributes }).filter(([key]) => !defined.has(key));
  const name = contact.name || contact.email || `Contact #${contact.id}`;
  const now = new Date();
  const base = `/app/accounts/${ctx.accountId}`;

  return (
    // min-w-0 everywhere a column holds long text: a grid or flex item otherwise grows to its content (a long email overflowed 1440 px and phones).
    <main className="flex min-h-0 min-w-0 flex-1 flex-col overflow-y-auto overflow-x-hidden">
      <header className="border-b border-slate-200 bg-white px-4 py-4 sm:px-6">
        <Link href={`${base}/contacts`} className="inline-flex items-center gap-1 text-xs font-medium text-slate-500 hover:text-slate-800">
          <ArrowLeft className="size-3.5" aria-hidden="true" /> Contacts
        </Link>
        <div className="mt-2 flex min-w-0 items-center gap-3">
          <Avatar name={name} size="lg" />
          <div className="min-w-0">
            <h1 className="break-words text-lg font-semibold text-slate-900">
              {name}
              {contact.blocked ? <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 align-middle text-xs font-medium text-red-800">Blocked</span> : null}
            </h1>
            <p className="break-all text-sm text-slate-500">
              {[contact.email, contact.phoneNumber].filter(Boolean).join(" · ") || "No email or phone"} · added <LocalTime date={contact.createdAt} pattern={DATE_TIME} />
            </p>
          </div>
        </div>
      </header>
      <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-6 p-4 sm:p-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
        <ContactMoveWatcher accountId={ctx.accountId} kind="contact" contactId={contact.id} conversationIds={conversations.map((c) => c.id)} capped={conversations.length >= MAX_CONTACT_CONVERSATIONS} />
        <Card>
          <CardHeader title="Conversations" description={`${conversations.length} you can see`} />
          {conversations.length === 0 ? (
            <EmptyState title="No conversations" />
          ) : (
            <ul className="divide-y divide-slate-100">
              {conversations.map((c) => (
                <li key={c.id}>
                  <Link href={`${base}/conversations/${c.displayId}`} className="flex items-center gap-3 px-5 py-3 hover:bg-slate-50">
                    <div className="min-w-0 flex-1">
                      <p className="truncate text-sm font-medium text-slate-900">
                        #{c.displayId} · {c.inbox.name}
                      </p>
                      <p className="truncate text-sm text-slate-500">{c.lastMessage?.content ?? "No messages yet"}</p>
                    </div>
                    <StatusBadge status={c.status} />
                    <time dateTime={c.lastActivityAt.toISOString()} className="w-10 text-right text-xs text-slate-400">
                      {shortAgo(c.lastActivityAt, now)}
                    </time>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardHeader title="Notes" description="Seen by every agent of the account" />
          <ContactNotes
            accountId={ctx.accountId}
            contactId={contact.id}
            notes={notes.map((n) => ({
              id: n.id,
              content: n.content,
              authorName: n.author ? n.author.displayName || n.author.name : null,
              createdAt: n.createdAt,
              canDelete: isAdmin || n.userId === ctx.userId,
            }))}
          />
        </Card>
        </div>
        <div className="min-w-0 space-y-6 self-start">
          <Card>
            <CardHeader title="Details" />
            <ContactForm accountId={ctx.accountId} contact={{ id: contact.id, name: contact.name, email: contact.email, phoneNumber: contact.phoneNumber }} />
          </Card>
          <Card>
            <CardHeader title="Labels and attributes" />
            <OrganizeProvider value={organize}>
              <ContactAttributes title="Labels and custom attributes" />
            </OrganizeProvider>
            {attributes.length === 0 ? null : (
              <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-1 p-5 text-sm">
                {attributes.map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt className="break-all text-slate-500">{key}</dt>
                    <dd className="break-all text-slate-900">{typeof value === "string" ? value : JSON.stringify(value)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </Card>
 <Card>
            <CardHeader title="Merge" description="Combine this contact with another one" />
            <MergeContact accountId={ctx.accountId} contactId={contact.id} />
          </Card>
          <Card>
            <CardHeader title="Blocking" description="A blocked contact's email is kept but opens no conversation" />
            <div className="p-5">
              <BlockContactButton accountId={ctx.accountId} contactId={contact.id} blocked={contact.blocked} />
            </div>
          </Card>
        </div>
      </div>
    </main>
  );
}
