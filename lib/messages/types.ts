// The shapes come from their query (db/ owns its result types); the domain speaks of them from here.
export type { MessageDelivery, MessageDetails, MessageSender } from "@/db/queries/message-types";
