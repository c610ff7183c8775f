"use client";

import { useEffect, useRef } from "react";

/**
 * Keyboard shortcuts and the command bar ask the open screen to act through one window event, so
 * the components that own an action (the assignee picker, …) handle it without the shortcut code
 * knowing them, and a screen without that action simply does not answer.
 */
export type ShortcutAction = "reply" | "note" | "resolve" | "assign-me" | "macros" | "help" | "command-bar" | "select-row";
const EVENT = "postdesk:shortcut";

export function dispatchShortcut(action: ShortcutAction): void {
  window.dispatchEvent(new CustomEvent<ShortcutAction>(EVENT, { detail: action }));
}

export function useShortcut(action: ShortcutAction, handler: () => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const listener = (e: Event) => {
      if ((e as CustomEvent<ShortcutAction>).detail === action) latest.current();
    };
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, [action]);
}
