"use client";

/** Unexpected failures inside an account: the sidebar stays; the digest lets support find the log line. */
export default function AccountError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : undefined;
  return (
    <main className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="max-w-sm text-sm text-slate-600">
        The error was recorded.{digest ? ` Reference: ${digest}.` : ""} Try again in a moment.
      </p>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-2 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
      >
        Try again
      </button>
    </main>
  );
}
