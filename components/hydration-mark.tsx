"use client";

import { useEffect } from "react";

/**
 * `<html data-hydrated>` once React has hydrated the page (this runs after the effects of
 * everything rendered with it). Until then a button's handler is not attached: a submit
 * <Button> stays disabled (components/ui/button.tsx), any other button ignores a click. The
 * end-to-end tests wait for it after a full page load (tests/support/browser.ts, hydrated()).
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}
