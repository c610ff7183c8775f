import type { Metadata } from "next";
import { LinkSignInForm } from "./link-sign-in-form";

export const metadata: Metadata = { title: "Sign in · Postdesk" };

/**
 * Where a Platform API sign-in link lands. Opening it signs nobody in (a GET never writes, so link
 * previews cannot spend it): the button posts the token, which works once.
 */
export default async function LinkSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const email = typeof query.email === "string" ? query.email : "";
  const token = typeof query.sso_auth_token === "string" ? query.sso_auth_token : "";
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold text-slate-900">Sign in to Postdesk</h1>
        {email && token ? (
          <>
            <p className="mb-6 text-sm text-slate-500">Continue as {email}.</p>
            <LinkSignInForm email={email} token={token} />
          </>
        ) : (
          <p className="text-sm text-slate-500">This sign-in link is incomplete. Ask for a new one.</p>
        )}
      </div>
    </main>
  );
}
