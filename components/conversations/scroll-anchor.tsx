"use client";

import { useEffect, useRef } from "react";

/** Keeps the newest message in view when the thread opens and when a message arrives. */
export function ScrollAnchor({ version }: { version: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "end" });
  }, [version]);
  return <div ref={ref} aria-hidden="true" />;
}
