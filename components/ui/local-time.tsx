"use client";

import { format } from "date-fns";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** The same instant as wall-clock time in UTC, so server and browser render identical text. */
function asUtcWallClock(date: Date): Date {
  return new Date(date.getTime() + date.getTimezoneOffset() * 60_000);
}

/**
 * A date in the viewer's time zone. The server cannot know the browser's zone, so the first
 * render (server and hydration) shows UTC, and the browser then re-renders in its own zone.
 */
export function LocalTime({ date, pattern, className }: { date: Date; pattern: string; className?: string }) {
  const isClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return (
    <time dateTime={date.toISOString()} className={className}>
      {isClient ? format(date, pattern) : `${format(asUtcWallClock(date), pattern)} UTC`}
    </time>
  );
}
