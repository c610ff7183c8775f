import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { currentUser } from "@/auth";
import { previewInvitation, WRONG_USER_MESSAGE, type InvitationPreview } from "@/lib/accounts/invitations/accept-invitation";
import { isAppError } from "@/lib/errors";
import { AuthCard, AuthError } from "@/components/auth/auth-card";
import { AcceptAsNewUserForm, AcceptSignedInForm } from "./accept-forms";

export const metadata: Metadata = { title: "Accept invitation · Postdesk" };

/**
 * The invitation link's page. Nobody joins without acting here: a new person chooses their name and
 * password; someone who already uses Postdesk accepts while signed in as the invited address.
 */
export default async function AcceptInvitationPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  let preview: InvitationPreview;
  try {
    preview = await previewInvitation(getDb(), token);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <AuthCard title="Invitation">
        <AuthError>{error.message}</AuthError>
      </AuthCard>
    );
  }
  const role = preview.role === "administrator" ? "an administrator" : "an agent";
  const description = `You are invited to join ${preview.accountName} as ${role}.`;
  const user = await currentUser();
  if (user) {
    if (user.email.toLowerCase() !== preview.email) {
      return (
        <AuthCard title="Accept invitation" description={description}>
          <AuthError>{WRONG_USER_MESSAGE(user.email, preview.email)}</AuthError>
          <p className="mt-4 text-sm">
            <Link href="/sign-out" className="text-blue-700 hover:underline">
              Sign out
            </Link>
          </p>
        </AuthCard>
      );
    }
    return (
      <AuthCard title="Accept invitation" description={description}>
        <AcceptSignedInForm token={token} email={preview.email} />
      </AuthCard>
    );
  }
  if (preview.hasUser) {
    const back = `/accept-invitation?token=${encodeURIComponent(token)}`;
    return (
      <AuthCard title="Accept invitation" description={description}>
        <p className="text-sm text-slate-700">
          {preview.email} already has a Postdesk user. Sign in as it, and accept on this page.
        </p>
        <p className="mt-4">
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`} className="text-sm font-semibold text-blue-700 hover:underline">
            Sign in to accept
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Accept invitation" description={`${description} Choose your name and password for ${preview.email}.`}>
      <AcceptAsNewUserForm token={token} name={preview.name} />
    </AuthCard>
  );
}
