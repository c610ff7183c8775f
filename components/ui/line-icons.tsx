import { clsx } from "clsx";
import type { CSSProperties } from "react";

/**
 * The list's, the sidebar's and the menus' icons: one empty element each, painted by a CSS mask
 * (line-icons.css holds the drawings: Lucide's, ISC licence, the `lucide-react` package the rest of
 * the app uses). These icons are on every signed-in page, 30–40 of them: an inline SVG is two to
 * five elements that each render builds, serialises into the page's payload and writes into its
 * HTML; a Lucide component also builds its attributes on every render. Sized by the class
 * (`size-4`) like Lucide's and coloured by the text colour; without a label an icon is hidden
 * from assistive technology, with one it is an image with that name.
 */
export function lineIcon(name: string) {
  const drawing = `line-icon line-icon-${name}`;
  return function LineIcon({ className, label, style }: { className?: string; label?: string; style?: CSSProperties }) {
    return <span className={clsx(drawing, className)} style={style} aria-hidden={label ? undefined : true} role={label ? "img" : undefined} aria-label={label} />;
  };
}

export const ReplyIcon = lineIcon("reply");
export const LockIcon = lineIcon("lock");
export const MailWarningIcon = lineIcon("mail-warning");
export const TimerIcon = lineIcon("timer");
export const AtSignIcon = lineIcon("at-sign");
export const ChartColumnIcon = lineIcon("chart-column");
export const BookOpenIcon = lineIcon("book-open");
export const ContactIcon = lineIcon("contact");
export const InboxIcon = lineIcon("inbox");
export const MessagesSquareIcon = lineIcon("messages-square");
export const SearchIcon = lineIcon("search");
export const SettingsIcon = lineIcon("settings");
export const TagIcon = lineIcon("tag");
export const UsersIcon = lineIcon("users");
export const ListFilterIcon = lineIcon("list-filter");
