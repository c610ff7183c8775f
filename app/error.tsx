"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

/** Unexpected failures anywhere outside an account. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} className="min-h-full" />;
}
