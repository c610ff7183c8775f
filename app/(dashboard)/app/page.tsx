import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getProfile } from "@/lib/accounts/profile";
import { requireSession } from "@/app/_server/current-actor";

/** /app opens the conversations of the user's first account. */
export default async function AppHome() {
  const { userId } = await requireSession();
  const profile = await getProfile(getDb(), userId).catch(() => redirect("/sign-in"));
  const first = profile.accounts[0];
  if (first) redirect(`/app/accounts/${first.id}/conversations`);
  return (
    <main className="flex min-h-full flex-col items-center justify-center gap-2 p-8 text-center">
      <h1 className="text-xl font-semibold">No account yet</h1>
      <p className="max-w-sm text-sm text-slate-600">
        You are not a member of any account. Ask an administrator to add you.
      </p>
    </main>
  );
}
