import { redirect } from "next/navigation";

export default async function PortalPage({ params }: { params: Promise<{ accountId: string; portalSlug: string }> }) {
  const { accountId, portalSlug } = await params;
  redirect(`/app/accounts/${accountId}/portals/${portalSlug}/articles`);
}
