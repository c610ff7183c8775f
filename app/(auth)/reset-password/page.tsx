import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { previewPasswordReset } from "@/lib/auth/password-reset";
import { isAppError } from "@/lib/errors";
import { AuthCard, AuthError } from "@/components/auth/auth-card";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password · Postdesk" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  let email: string;
  try {
    ({ email } = await previewPasswordReset(getDb(), token));
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <AuthCard title="Choose a new password">
        <AuthError>{error.message}</AuthError>
        <p className="mt-4 text-sm">
          <Link href="/forgot-password" className="text-blue-700 hover:underline">
            Ask for a new link
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" description={`For ${email}. Every other session of this user ends.`}>
      <ResetPasswordForm token={token} />
    </AuthCard>
  );
}
