import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/auth";
import { AFTER_SIGN_IN_PATH } from "@/auth.config";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Postdesk" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  if (await currentUser()) redirect(AFTER_SIGN_IN_PATH);
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold text-slate-900">Sign in to Postdesk</h1>
        <p className="mb-6 text-sm text-slate-500">Use the email and password of your agent account.</p>
        <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
        <p className="mt-4 text-center text-sm">
          <Link href="/forgot-password" className="text-blue-700 hover:underline">
            Forgot password?
          </Link>
        </p>
      </div>
    </main>
  );
}
