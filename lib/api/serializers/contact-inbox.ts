import type { z } from "zod";
import type { contactInboxResponse } from "../responses";
import type { ContactInboxDetails } from "@/lib/contacts/contact-inboxes";
import { channelTypeName } from "./channel";

export function serializeContactInbox(ci: ContactInboxDetails): z.infer<typeof contactInboxResponse> {
  return {
    source_id: ci.sourceId,
    inbox: {
      id: ci.inbox.id,
      name: ci.inbox.name,
      channel_id: ci.inbox.channelId,
      channel_type: channelTypeName(ci.inbox.channelType),
      avatar_url: "",
      provider: null,
    },
  };
}
