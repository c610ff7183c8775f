import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { accountUsers, contactNotes, users, type ContactNote } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { isAdministrator, requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { forbidden, notFound } from "@/lib/errors";
import { findContact } from "./contacts";

export type ContactNoteAuthor = {
  id: number;
  name: string;
  displayName: string | null;
  email: string;
  availability: "online" | "busy" | "offline" | null;
};
export type ContactNoteDetails = ContactNote & { author: ContactNoteAuthor | null };

// A contact's notes are read whole on their page; a bound keeps a runaway script from making it huge.
const MAX_NOTES = 500;

const noteInput = z.object({ content: z.string().trim().min(1, "Note can't be blank").max(20_000, "Note is too long") });
export type ContactNoteInput = z.input<typeof noteInput>;

function selectNotes(db: DbOrTx, accountId: number) {
  return db
    .select({
      note: contactNotes,
      authorId: users.id,
      authorName: users.name,
      authorDisplayName: users.displayName,
      authorEmail: users.email,
      authorAvailability: accountUsers.availability,
    })
    .from(contactNotes)
    .leftJoin(users, eq(users.id, contactNotes.userId))
    .leftJoin(accountUsers, and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, contactNotes.userId)));
}

type NoteRow = Awaited<ReturnType<ReturnType<typeof selectNotes>["where"]>>[number];
const toDetails = (r: NoteRow): ContactNoteDetails => ({
  ...r.note,
  author:
    r.authorId === null || r.authorName === null || r.authorEmail === null
      ? null
      : { id: r.authorId, name: r.authorName, displayName: r.authorDisplayName, email: r.authorEmail, availability: r.authorAvailability },
});

async function requireContact(db: DbOrTx, accountId: number, contactId: number) {
  if (!(await findContact(db, accountId, contactId))) throw notFound("Contact");
}

/** A contact's notes, newest first. Every member of the account sees them, as contacts are account-wide. */
export async function listContactNotes(db: DbOrTx, actor: Actor, accountId: number, contactId: number): Promise<ContactNoteDetails[]> {
  await requireAccountAccess(db, actor, accountId);
  await requireContact(db, accountId, contactId);
  const rows = await selectNotes(db, accountId)
    .where(and(eq(contactNotes.accountId, accountId), eq(contactNotes.contactId, contactId)))
    .orderBy(desc(contactNotes.createdAt), desc(contactNotes.id))
    .limit(MAX_NOTES);
  return rows.map(toDetails);
}

async function findNote(db: DbOrTx, accountId: number, contactId: number, noteId: number): Promise<ContactNoteDetails> {
  const [row] = await selectNotes(db, accountId).where(
    and(eq(contactNotes.accountId, accountId), eq(contactNotes.contactId, contactId), eq(contactNotes.id, noteId)),
  );
  if (!row) throw notFound("Note");
  return toDetails(row);
}

export async function getContactNote(db: DbOrTx, actor: Actor, accountId: number, contactId: number, noteId: number): Promise<ContactNoteDetails> {
  await requireAccountAccess(db, actor, accountId);
  return findNote(db, accountId, contactId, noteId);
}

export async function createContactNote(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  contactId: number,
  params: ContactNoteInput,
): Promise<ContactNoteDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "contact_manage");
  const { content } = parseInput(noteInput, params);
  await requireContact(db, accountId, contactId);
  const [row] = await db.insert(contactNotes).values({ accountId, contactId, userId: access.userId, content }).returning({ id: contactNotes.id });
  return findNote(db, accountId, contactId, row.id);
}

// Anyone may read a note; only its author or an administrator changes or removes it.
function requireAuthorOrAdmin(access: AccountAccess, note: ContactNoteDetails) {
  if (!isAdministrator(access) && note.userId !== access.userId) throw forbidden("Only the note's author or an administrator can change it");
}

export async function updateContactNote(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  contactId: number,
  noteId: number,
  params: ContactNoteInput,
): Promise<ContactNoteDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  const { content } = parseInput(noteInput, params);
  requireAuthorOrAdmin(access, await findNote(db, accountId, contactId, noteId));
  await db
    .update(contactNotes)
    .set({ content, updatedAt: new Date() })
    .where(and(eq(contactNotes.accountId, accountId), eq(contactNotes.id, noteId)));
  return findNote(db, accountId, contactId, noteId);
}

export async function deleteContactNote(db: DbOrTx, actor: Actor, accountId: number, contactId: number, noteId: number): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireAuthorOrAdmin(access, await findNote(db, accountId, contactId, noteId));
  await db.delete(contactNotes).where(and(eq(contactNotes.accountId, accountId), eq(contactNotes.id, noteId)));
}
