import type { Metadata } from "next";
import type { SearchParams } from "@/app/_server/page-data";
import { ConversationsScreen } from "../../../../_conversations/screen";

type Params = { accountId: string; viewId: string; displayId: string };

export async function generateMetadata(props: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `Conversation #${(await props.params).displayId}` };
}

export default async function SavedViewConversationPage(props: { params: Promise<Params>; searchParams: Promise<SearchParams> }) {
  return <ConversationsScreen params={await props.params} searchParams={await props.searchParams} />;
}
