"use server";

import { z } from "zod";
import { searchContacts, updateContact } from "@/lib/contacts/contacts";
import { mergeContacts } from "@/lib/contacts/merge";
import { previewContactMerge } from "@/lib/contacts/merge-preview";
import { moveConversationToContact } from "@/lib/contacts/move-conversation";
import { createContactNote, deleteContactNote } from "@/lib/contacts/notes";
import { createContactView } from "@/lib/contacts/saved-views";
import { serverAction } from "../action";

export const updateContactAction = serverAction(
  z.object({
    accountId: z.number().int().positive(),
    contactId: z.number().int().positive(),
    name: z.string(),
    email: z.string(),
    phoneNumber: z.string(),
  }),
  async ({ db, actor }, { accountId, contactId, ...fields }) => {
    const contact = await updateContact(db, actor, accountId, contactId, fields);
    return { id: contact.id };
  },
);

export const addContactNoteAction = serverAction(
  z.object({ accountId: z.number().int().positive(), contactId: z.number().int().positive(), content: z.string() }),
  async ({ db, actor }, { accountId, contactId, content }) => {
    const note = await createContactNote(db, actor, accountId, contactId, { content });
    return { id: note.id };
  },
);

export const deleteContactNoteAction = serverAction(
  z.object({ accountId: z.number().int().positive(), contactId: z.number().int().positive(), noteId: z.number().int().positive() }),
  async ({ db, actor }, { accountId, contactId, noteId }) => {
    await deleteContactNote(db, actor, accountId, contactId, noteId);
    return { id: noteId };
  },
);

export const setContactBlockedAction = serverAction(
  z.object({ accountId: z.number().int().positive(), contactId: z.number().int().positive(), blocked: z.boolean() }),
  async ({ db, actor }, { accountId, contactId, blocked }) => {
    const contact = await updateContact(db, actor, accountId, contactId, { blocked });
    return { id: contact.id };
  },
);

const positive = z.number().int().positive();

/** The contact pickers (merge, move a conversation): a few contacts matching what is typed. */
export const pickContactsAction = serverAction(
  z.object({ accountId: positive, q: z.string().max(200), excludeId: positive.optional() }),
  async ({ db, actor }, { accountId, q, excludeId }) => {
    if (!q.trim()) return [];
    const page = await searchContacts(db, actor, accountId, { q });
    return page.contacts
      .filter((c) => c.id !== excludeId)
      .slice(0, 8)
      .map((c) => ({ id: c.id, name: c.name, email: c.email, phoneNumber: c.phoneNumber }));
  },
);

export const previewMergeAction = serverAction(z.object({ accountId: positive, baseContactId: positive, mergeeContactId: positive }), async ({ db, actor }, { accountId, ...ids }) =>
  previewContactMerge(db, actor, accountId, ids),
);

/** Merges the mergee into the base (Chatwoot's contact_merge); the page then shows the base. */
export const mergeContactsAction = serverAction(z.object({ accountId: positive, baseContactId: positive, mergeeContactId: positive }), async ({ db, actor }, { accountId, ...ids }) => {
  const base = await mergeContacts(db, actor, accountId, ids);
  return { id: base.id };
});

export const moveConversationAction = serverAction(z.object({ accountId: positive, displayId: positive, contactId: positive }), async ({ db, actor }, { accountId, displayId, contactId }) => {
  const summary = await moveConversationToContact(db, actor, accountId, displayId, { contactId });
  return { contactId: summary.contact.id };
});

/** The contacts list's "Save as view": a custom_filter of type contact (the domain checks the conditions). */
export const createContactViewAction = serverAction(
  z.object({ accountId: z.number().int().positive(), name: z.string().max(255), payload: z.array(z.record(z.string(), z.unknown())).min(1).max(20) }),
  async ({ db, actor }, { accountId, name, payload }) => {
    const view = await createContactView(db, actor, accountId, { name, payload });
    return { id: view.id };
  },
);
