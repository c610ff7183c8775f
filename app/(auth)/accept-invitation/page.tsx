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
 * password; someone who already uses Postdesk accepts while signed in as the invited address. Signed
 * out, the page is the same for both (it offers both ways), so opening the link does not tell
 * whether the address already has a user.
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
  const back = `/accept-invitation?token=${encodeURIComponent(token)}`;
  return (
    <AuthCard title="Accept invitation" description={`${description} New to Postdesk? Choose your name and password for ${preview.email}.`}>
      <AcceptAsNewUserForm token={token} name={preview.name} />
      <p className="mt-6 border-t border-slate-200 pt-4 text-sm text-slate-700">
        Already using Postdesk as {preview.email}?{" "}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`} className="font-semibold text-blue-700 hover:underline">
          Sign in to accept
        </Link>
      </p>
    </AuthCard>
  );
}
