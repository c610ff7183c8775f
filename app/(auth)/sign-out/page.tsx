import type { Metadata } from "next";
import { SignOutForm } from "./sign-out-form";

export const metadata: Metadata = { title: "Sign out · Postdesk" };

/** A plain page for links and bookmarks; the app's user menu signs out directly. */
export default function SignOutPage() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <SignOutForm />
      </div>
    </main>
  );
}
