"use client";

/** What an error boundary shows: the server logged the cause; the digest lets support find it. */
export function ErrorPanel({ error, retry, className }: { error: unknown; retry: () => void; className: string }) {
  const digest = typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : undefined;
  return (
    <main className={`flex flex-col items-center justify-center gap-3 p-8 text-center ${className}`}>
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
