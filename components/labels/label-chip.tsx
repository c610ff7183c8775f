/** A label as rows, the header and the sidebar show it: its colour as a dot, then its title. */
export function LabelChip({ title, color }: { title: string; color?: string }) {
  return (
    <span className="inline-flex max-w-40 items-center gap-1 rounded-full border border-slate-200 bg-white px-1.5 py-px text-[11px] leading-4 text-slate-700" data-label={title}>
      <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ backgroundColor: safeColor(color) }} />
      <span className="truncate">{title}</span>
    </span>
  );
}

/** Only a hex colour reaches a style attribute (the domain stores nothing else; this is the second lock). */
export const safeColor = (color: string | undefined) => (color && /^#[0-9a-fA-F]{3,6}$/.test(color) ? color : "#94a3b8");
