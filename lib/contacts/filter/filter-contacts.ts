import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { compileFilter, filterPayload } from "@/lib/conversations/filter/payload";
import { listContactsInput, pageOf, type ContactPage } from "../contacts";
import { contactLookupFor } from "./contact-attributes";

export const filterContactsInput = listContactsInput.extend({ payload: filterPayload });
export type FilterContactsInput = z.input<typeof filterContactsInput>;

/**
 * Chatwoot's `POST /contacts/filter`: the account's contacts matching the payload (the same
 * condition language as conversations), one page in the list's order, with the capped count.
 */
export async function filterContacts(db: DbOrTx, actor: Actor, accountId: number, params: FilterContactsInput): Promise<ContactPage> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(filterContactsInput, params, "api");
  return pageOf(db, access, compileFilter(input.payload, await contactLookupFor(db, accountId, input.payload)), input);
}
