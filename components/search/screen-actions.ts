"use client";

/**
 * The open conversation's actions reached from the keyboard through the page itself (its tabs and
 * buttons by role and name), so the composer and the header keep no shortcut code of their own.
 */
function composerTab(name: "Reply" | "Private note"): HTMLElement | null {
  const tabs = document.querySelectorAll<HTMLElement>('[role="tablist"][aria-label="Message type"] [role="tab"]');
  return [...tabs].find((t) => t.textContent?.trim() === name) ?? null;
}

function focusComposer(): void {
  // Wait for the tab switch to render, then focus the message field (a textarea or an editor).
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>('#composer-panel textarea, #composer-panel [contenteditable="true"]');
    field?.focus();
  });
}

export function openComposer(mode: "reply" | "note"): boolean {
  const tab = composerTab(mode === "reply" ? "Reply" : "Private note");
  if (!tab) return false;
  tab.click();
  focusComposer();
  return true;
}

export function resolveOpenConversation(): boolean {
  const buttons = document.querySelectorAll<HTMLButtonElement>("header button");
  const resolve = [...buttons].find((b) => b.textContent?.trim() === "Resolve" && !b.disabled);
  resolve?.click();
  return Boolean(resolve);
}

/** The conversation rows of the list on screen, and which one is open. */
function rows(): { links: HTMLAnchorElement[]; current: number } {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('[role="tabpanel"][aria-label="Conversations"] li > a')];
  return { links, current: links.findIndex((a) => a.getAttribute("aria-current") === "page") };
}

/** Opens the next (1) or previous (-1) conversation of the list; the first one when none is open. */
export function stepConversation(direction: 1 | -1): boolean {
  const { links, current } = rows();
  if (links.length === 0) return false;
  const next = current === -1 ? 0 : Math.min(links.length - 1, Math.max(0, current + direction));
  if (next === current) return false;
  links[next].click();
  links[next].scrollIntoView({ block: "nearest" });
  return true;
}
