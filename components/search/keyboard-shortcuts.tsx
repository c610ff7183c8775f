"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { CommandBar } from "./command-bar";
import { openComposer, resolveOpenConversation, stepConversation } from "./screen-actions";
import { dispatchShortcut, useShortcut } from "./shortcut-events";
import { ShortcutHelp } from "./shortcut-help";

/** Typing in a field, a select or an editor: single-letter shortcuts stay letters there. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement && ["checkbox", "radio", "button"].includes(target.type)) return false; // a ticked row's box keeps x and m working
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The account's keyboard shortcuts (listed with `?`, components/search/shortcut-help.tsx) and the
 * command bar (Ctrl/Cmd+K). Mounted once in the account layout.
 */
export function KeyboardShortcuts({ accountId }: { accountId: number }) {
  const router = useRouter();
  const [bar, setBar] = useState(false);
  const [help, setHelp] = useState(false);
  useShortcut("help", () => setHelp(true));
  useShortcut("command-bar", () => setBar(true));
  useShortcut("reply", () => void openComposer("reply"));
  useShortcut("note", () => void openComposer("note"));
  useShortcut("resolve", () => void resolveOpenConversation());

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === "k" && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
        e.preventDefault();
        setBar((open) => !open);
        return;
      }
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector("dialog[open], [cmdk-dialog]")) return;
      const act = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      switch (e.key) {
        case "/":
          return act(() => router.push(`/app/accounts/${accountId}/search`));
        case "?":
          return act(() => setHelp(true));
        case "j":
          return act(() => void stepConversation(1));
        case "k":
          return act(() => void stepConversation(-1));
        case "r":
          return act(() => dispatchShortcut("reply"));
        case "n":
          return act(() => dispatchShortcut("note"));
        case "e":
          return act(() => dispatchShortcut("resolve"));
        case "a":
          return act(() => dispatchShortcut("assign-me"));
        case "m":
          return act(() => dispatchShortcut("macros"));
        case "x":
          return act(() => dispatchShortcut("select-row"));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [accountId, router]);

  return (
    <>
      <CommandBar accountId={accountId} open={bar} onOpenChange={setBar} />
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
    </>
  );
}
