import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password · Postdesk" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password?" description="Enter your email address: we will send you a link to choose a new password.">
      <ForgotPasswordForm />
      <p className="mt-4 text-center text-sm">
        <Link href="/sign-in" className="text-blue-700 hover:underline">
          Back to sign in
        </Link>
      </p>
    </AuthCard>
  );
}
