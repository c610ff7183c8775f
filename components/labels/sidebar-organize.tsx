"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { clsx } from "clsx";
import type { ReactNode } from "react";
import { TagIcon, UsersIcon } from "@/components/ui/line-icons";
import { safeColor } from "./label-chip";

type SidebarLabel = { id: number; title: string; color: string };
type SidebarTeam = { id: number; name: string; isMember: boolean };

function Item({ href, active, children }: { href: string; active: boolean; children: ReactNode }) {
  return (
    <a
      href={href}
      aria-current={active ? "page" : undefined}
      className={clsx("flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm", active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900")}
    >
      {children}
    </a>
  );
}

/** The sidebar's Teams (with My teams) and Labels (those shown on the sidebar): each a filtered list. */
export function SidebarOrganize({ accountId, labels, teams }: { accountId: number; labels: SidebarLabel[]; teams: SidebarTeam[] }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const list = `/app/accounts/${accountId}/conversations`;
  const onList = pathname === list;
  const heading = "mt-3 mb-1 px-2.5 text-[11px] font-semibold tracking-wide text-slate-400 uppercase";
  return (
    <div className="hidden md:block">
      {teams.length > 0 ? (
        <>
          <p className={heading}>Teams</p>
          <ul className="space-y-0.5" aria-label="Team views">
            {teams.some((t) => t.isMember) ? (
              <li>
                <Item href={`${list}?assignee_type=all&my_teams=1`} active={onList && search.get("my_teams") === "1"}>
                  <UsersIcon className="size-4 shrink-0" /> My teams
                </Item>
              </li>
            ) : null}
            {teams.map((t) => (
              <li key={t.id}>
                <Item href={`${list}?assignee_type=all&team_id=${t.id}`} active={onList && search.get("team_id") === String(t.id)}>
                  <span className="size-4 shrink-0" aria-hidden="true" />
                  <span className="truncate">{t.name}</span>
                </Item>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {labels.length > 0 ? (
        <>
          <p className={heading}>Labels</p>
          <ul className="space-y-0.5" aria-label="Label views">
            {labels.map((l) => (
              <li key={l.id}>
                <Item href={`${list}?assignee_type=all&labels=${encodeURIComponent(l.title)}`} active={onList && search.get("labels") === l.title}>
                  <TagIcon className="size-4 shrink-0" style={{ color: safeColor(l.color) }} />
                  <span className="truncate">{l.title}</span>
                </Item>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
