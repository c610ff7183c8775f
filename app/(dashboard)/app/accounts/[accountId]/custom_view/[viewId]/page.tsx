import type { Metadata } from "next";
import type { SearchParams } from "@/app/_server/page-data";
import { ConversationsScreen } from "../../_conversations/screen";

export const metadata: Metadata = { title: "Saved view" };

/** A saved view (Chatwoot's /custom_view/{id}): the list filtered by the view's conditions. */
export default async function SavedViewPage(props: { params: Promise<{ accountId: string; viewId: string }>; searchParams: Promise<SearchParams> }) {
  return <ConversationsScreen params={await props.params} searchParams={await props.searchParams} />;
}
