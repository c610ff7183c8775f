import type { Metadata } from "next";
import Link from "next/link";
import { loadAccountContext } from "@/app/_server/account-context";
import { ApiToken } from "@/components/profile/api-token";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { ProfileForm } from "@/components/profile/profile-form";
import { ProfileSignatureForm } from "@/components/composer/signature-settings";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Profile settings" };

export default async function ProfileSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { profile, accountId } = await loadAccountContext((await params).accountId);
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
      <PageHeader
        title="Profile settings"
        description={
          <>
            Your own details, email signature, password and API access token. What you are told of: <Link href={`/app/accounts/${accountId}/profile/notifications`} className="text-brand-600 hover:underline">notification preferences</Link>.
          </>
        }
      />
      <div className="mx-auto w-full max-w-4xl space-y-6 p-6">
        <Card>
          <CardHeader title="Profile" />
          <ProfileForm name={profile.name} displayName={profile.displayName} email={profile.email} />
        </Card>
        <Card>
          <CardHeader title="Signature" description="Your signature for email replies." />
          <ProfileSignatureForm signature={profile.messageSignature} onReplies={profile.signatureOnReplies} />
        </Card>
        <Card>
          <CardHeader title="Password" />
          <ChangePasswordForm />
        </Card>
        <Card>
          <CardHeader title="API access token" />
          <ApiToken hasToken={profile.hasApiAccessToken} />
        </Card>
      </div>
    </div>
  );
}
