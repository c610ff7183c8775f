import { lineIcon } from "./line-icons";

/**
 * The icons of the account layout's header and menus (bell, user menu, the list's filter button),
 * drawn like the list's (line-icons.tsx, line-icons.css): they are on every signed-in page.
 */
export const BellIcon = lineIcon("bell");
export const BellRingIcon = lineIcon("bell-ring");
export const CheckIcon = lineIcon("check");
export const ChevronsUpDownIcon = lineIcon("chevrons-up-down");
export const LogOutIcon = lineIcon("log-out");
export const UserRoundIcon = lineIcon("user-round");
export const FunnelIcon = lineIcon("funnel");
