import type { AfterCommit } from "@/db/transaction";

/**
 * What changed in a help center, announced after the commit of every write (portals, categories,
 * articles, files). The public site subscribes to drop its cached pages at once; nothing else
 * has to know who listens. A listener that throws is logged by the after-commit runner, never
 * undoes the write.
 */
export type HelpCenterChange = {
  accountId: number;
  portalId: number;
  /** The portal's slug and custom domain before and after the change (a renamed portal drops both). */
  portalSlugs: string[];
  customDomains: string[];
  kind: "portal" | "category" | "article" | "file";
  /** Ids of the articles or categories that changed, when the change is about them. */
  ids?: number[];
};

type Listener = (change: HelpCenterChange) => void | Promise<void>;
const listeners = new Set<Listener>();

/** Subscribes to help-center changes; returns the unsubscribe function. */
export function onHelpCenterChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Registers the announcement to run after the outermost commit. */
export function announceHelpCenterChange(afterCommit: AfterCommit, change: HelpCenterChange): void {
  afterCommit(async () => {
    for (const listener of listeners) await listener(change);
  });
}
