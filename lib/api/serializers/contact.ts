import type { z } from "zod";
import type { contactResponse } from "../responses";
import type { ContactDetails } from "@/lib/contacts/contacts";
import type { ContactInboxDetails } from "@/lib/contacts/contact-inbox-list";
import { serializeContactInbox } from "./contact-inbox";
import { unix, unixOrNull } from "./time";

/** Chatwoot's contact JSON (contact_list_item); `contact_inboxes` when they were loaded. */
export function serializeContact(c: ContactDetails, contactInboxes?: ContactInboxDetails[] | null): z.infer<typeof contactResponse> {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone_number: c.phoneNumber,
    identifier: c.identifier,
    thumbnail: c.thumbnail ?? "",
    blocked: c.blocked,
    availability_status: "offline" as const,
    additional_attributes: c.additionalAttributes,
    custom_attributes: c.customAttributes,
    last_activity_at: unixOrNull(c.lastActivityAt),
    created_at: unix(c.createdAt),
    ...(contactInboxes ? { contact_inboxes: contactInboxes.map(serializeContactInbox) } : {}),
  };
}
