import { clsx } from "clsx";
import { Avatar } from "./avatar";

export type Availability = "online" | "busy" | "offline";

const DOT: Record<Availability, string> = { online: "bg-emerald-500", busy: "bg-amber-500", offline: "bg-slate-400" };

/**
 * An avatar with the person's availability as a dot (green online, amber busy, grey offline).
 * Colour is not the only signal: the whole is one image named "Alice — busy" for screen readers,
 * and the same words show on hover.
 */
export function AvatarStatus({
  name,
  availability,
  size = "md",
  className,
}: {
  name: string;
  availability: Availability;
  size?: "sm" | "md" | "lg";
  className?: string;
}) {
  const label = `${name} — ${availability}`;
  return (
    <span role="img" aria-label={label} title={label} data-availability={availability} className={clsx("relative inline-flex shrink-0", className)}>
      <Avatar name={name} size={size} />
      <span
        aria-hidden="true"
        className={clsx(
          "absolute -right-0.5 -bottom-0.5 rounded-full ring-2 ring-white",
          size === "sm" ? "size-2" : size === "md" ? "size-2.5" : "size-3.5",
          DOT[availability],
        )}
      />
    </span>
  );
}
