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

/** The recipients of an email reply as the agent left them (the text of each field), or null for the defaults. */
export type DraftRecipients = { to: string; cc: string; bcc: string; replyAll: boolean };

function parseRecipients(saved: string): DraftRecipients | null {
  try {
    const v = JSON.parse(saved) as Partial<DraftRecipients>;
    if (typeof v.to !== "string" || typeof v.cc !== "string" || typeof v.bcc !== "string") return null;
    return { to: v.to, cc: v.cc, bcc: v.bcc, replyAll: v.replyAll === true };
  } catch {
    return null;
  }
}

/** Kept next to the text of the draft, so a reload or a visit elsewhere keeps To / Cc / Bcc and Reply all too. */
export function useDraftRecipients(accountId: number, displayId: number): [DraftRecipients | null, (value: DraftRecipients | null) => void] {
  const key = `postdesk:draft-recipients:${accountId}:${displayId}`;
  const [value, setValue] = useState<DraftRecipients | null>(null);
  useEffect(() => {
    const saved = parseRecipients(readDraft(key));
    if (saved) setValue((current) => current ?? saved);
  }, [key]);
  const update = useCallback(
    (next: DraftRecipients | null) => {
      setValue(next);
      writeDraft(key, next ? JSON.stringify(next) : "");
    },
    [key],
  );
  return [value, update];
}
