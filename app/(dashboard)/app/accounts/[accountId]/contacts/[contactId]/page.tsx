import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { loadAccountContext } from "@/app/_server/account-context";
import { parseId } from "@/app/_server/page-data";
import { loadContactScreen } from "../load-contacts";
import { ContactForm } from "@/components/contacts/contact-form";
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
  const { contact, conversations } = await loadContactScreen(ctx, contactId);
  const name = contact.name || contact.email || `Contact #${contact.id}`;
  const now = new Date();
  const base = `/app/accounts/${ctx.accountId}`;

  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
      <header className="border-b border-slate-200 bg-white px-6 py-4">
        <Link href={`${base}/contacts`} className="inline-flex items-center gap-1 text-xs font-medium text-slate-500 hover:text-slate-800">
          <ArrowLeft className="size-3.5" aria-hidden="true" /> Contacts
        </Link>
        <div className="mt-2 flex items-center gap-3">
          <Avatar name={name} size="lg" />
          <div>
            <h1 className="text-lg font-semibold text-slate-900">{name}</h1>
            <p className="text-sm text-slate-500">
              {[contact.email, contact.phoneNumber].filter(Boolean).join(" · ") || "No email or phone"} · added <LocalTime date={contact.createdAt} pattern={DATE_TIME} />
            </p>
          </div>
        </div>
      </header>
      <div className="grid gap-6 p-6 lg:grid-cols-[1fr_22rem]">
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
        <Card className="self-start">
          <CardHeader title="Details" />
          <ContactForm accountId={ctx.accountId} contact={{ id: contact.id, name: contact.name, email: contact.email, phoneNumber: contact.phoneNumber }} />
        </Card>
      </div>
    </div>
  );
}
