// The shapes come from their query (db/ owns its result types); the domain speaks of them from here.
export type { AppliedSlaSummary, ConversationListMeta, ConversationPriority, ConversationStatus, ConversationSummary } from "@/db/queries/conversation-types";
