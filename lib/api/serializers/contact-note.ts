import type { z } from "zod";
import type { noteResponse } from "../endpoints/contact-notes";
import type { ContactNoteDetails } from "@/lib/contacts/notes";
import { serializeAssignee } from "./agent";
import { unix } from "./time";

/** Chatwoot's note JSON: the author as an agent, times in Unix seconds. */
export function serializeContactNote(n: ContactNoteDetails): z.infer<typeof noteResponse> {
  return {
    id: n.id,
    content: n.content,
    account_id: n.accountId,
    contact_id: n.contactId,
    ...(n.author ? { user: serializeAssignee(n.accountId, n.author) } : {}),
    created_at: unix(n.createdAt),
    updated_at: unix(n.updatedAt),
  };
}
