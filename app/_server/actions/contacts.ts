"use server";

import { z } from "zod";
import { updateContact } from "@/lib/contacts/contacts";
import { createContactNote, deleteContactNote } from "@/lib/contacts/notes";
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
