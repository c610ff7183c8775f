import type { Metadata } from "next";
import { signOutAction } from "../actions";

export const metadata: Metadata = { title: "Sign out · Postdesk" };

/** A plain page for links and bookmarks; the app's menu posts signOutAction directly. */
export default function SignOutPage() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <form action={signOutAction} className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="mb-4 text-sm text-slate-600">Sign out of Postdesk on this browser?</p>
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-2 text-sm font-semibold text-white">
          Sign out
        </button>
      </form>
    </main>
  );
}
