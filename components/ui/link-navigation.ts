"use client";

import { useRouter } from "next/navigation";
import { startTransition, useCallback, type MouseEvent } from "react";

/**
 * The link a click inside `container` landed on, when this page should follow it itself: a same-
 * origin `<a href>` clicked plainly (left button, no modifier key, no `target` or `download`), and
 * not already handled by a `next/link` inside. Anything else (new tab, window, download, another
 * site) is left to the browser. A middle click fires no click event at all.
 */
export function plainLinkClick(e: MouseEvent<HTMLElement>): HTMLAnchorElement | null {
  const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[href]") : null;
  if (!link || !e.currentTarget.contains(link)) return null;
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  if ((link.target && link.target !== "_self") || link.hasAttribute("download") || link.origin !== window.location.origin) return null;
  return link;
}

/**
 * One click handler for a region of plain links (the sidebar, the list's rows) doing what a
 * `next/link` per link does on a plain click: a client-side navigation through the router. A
 * `next/link` is a component with hooks and, in the browser, a viewport observer and prefetching;
 * on every page's server render they cost more than the rest of the region.
 */
export function useLinkNavigation(): (e: MouseEvent<HTMLElement>) => void {
  const router = useRouter();
  return useCallback(
    (e: MouseEvent<HTMLElement>) => {
      const link = plainLinkClick(e);
      if (!link) return;
      e.preventDefault();
      const href = link.pathname + link.search + link.hash;
      startTransition(() => router.push(href));
    },
    [router],
  );
}
