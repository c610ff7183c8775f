import type { ContactInboxDetails } from "@/lib/contacts/contact-inboxes";
import { channelTypeName } from "./channel";

export function serializeContactInbox(ci: ContactInboxDetails) {
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
