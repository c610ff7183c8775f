import { redirect } from "next/navigation";

export default async function SettingsHome({ params }: { params: Promise<{ accountId: string }> }) {
  redirect(`/app/accounts/${encodeURIComponent((await params).accountId)}/settings/account`);
}
