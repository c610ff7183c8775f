"use client";

import { useEffect } from "react";

/**
 * `<html data-hydrated>` once React has hydrated the page (this runs after the effects of
 * everything rendered with it). Before that a click on a form's button submits it natively
 * (a GET carrying its fields in the URL) instead of running its handler, so the end-to-end tests
 * wait for this after a full page load before they use a form (tests/support/browser.ts).
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}
