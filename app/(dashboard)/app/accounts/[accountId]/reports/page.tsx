import { redirect } from "next/navigation";

/** /reports opens the overview, as Chatwoot's dashboard does. */
export default async function ReportsIndex({ params }: { params: Promise<{ accountId: string }> }) {
  redirect(`/app/accounts/${encodeURIComponent((await params).accountId)}/reports/overview`);
}
