"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

/** Unexpected failures inside an account: the sidebar stays around the panel. */
export default function AccountError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} className="flex-1" />;
}
