"use server";

import { z } from "zod";
import { updateContact } from "@/lib/contacts/contacts";
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
