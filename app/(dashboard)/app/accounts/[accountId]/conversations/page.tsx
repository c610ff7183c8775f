import type { Metadata } from "next";
import type { SearchParams } from "@/app/_server/page-data";
import { ConversationsScreen } from "../_conversations/screen";

export const metadata: Metadata = { title: "Conversations" };

export default async function ConversationsPage(props: { params: Promise<{ accountId: string }>; searchParams: Promise<SearchParams> }) {
  return <ConversationsScreen params={await props.params} searchParams={await props.searchParams} />;
}
