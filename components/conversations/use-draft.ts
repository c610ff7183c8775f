"use client";

import { useCallback, useEffect, useState } from "react";

const draftKey = (accountId: number, displayId: number) => `postdesk:draft:${accountId}:${displayId}`;

function readDraft(key: string): string {
  try {
    return window.localStorage.getItem(key) ?? "";
  } catch {
    return ""; // storage disabled (private mode, quota): drafts are simply not kept
  }
}

function writeDraft(key: string, value: string): void {
  try {
    if (value) window.localStorage.setItem(key, value);
    else window.localStorage.removeItem(key);
  } catch {
    // storage disabled or full: the draft lives only in this page
  }
}

/**
 * The reply being typed in one conversation, kept in localStorage so it survives navigating to
 * another conversation and reloading. Read after mounting (the server render has no storage).
 */
export function useDraft(accountId: number, displayId: number): [string, (value: string) => void] {
  const key = draftKey(accountId, displayId);
  const [value, setValue] = useState("");
  useEffect(() => {
    const saved = readDraft(key);
    // Only fill an empty box: what was typed before hydration finished wins.
    if (saved) setValue((current) => current || saved);
  }, [key]);
  const update = useCallback(
    (next: string) => {
      setValue(next);
      writeDraft(key, next);
    },
    [key],
  );
  return [value, update];
}
