import Link from "next/link";

/** Inside an account the sidebar stays, so the way back is one click. */
export default function AccountNotFound() {
  return (
    <main className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="max-w-sm text-sm text-slate-600">It does not exist, or you do not have access to it.</p>
      <Link href="/app" className="mt-2 text-sm font-medium text-brand-600 hover:underline">
        Back to your inbox
      </Link>
    </main>
  );
}
