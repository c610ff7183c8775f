"use client";

import { Input, Select } from "@/components/ui/field";
import type { Option } from "./options";

/** `send_email_to_team`'s one parameter in Chatwoot's shape: `{ team_ids: [...], message }`. */
export function TeamMailParam({ label, teams, value, onChange }: { label: string; teams: Option[]; value: unknown; onChange: (params: unknown[]) => void }) {
  const current = value && typeof value === "object" ? (value as { team_ids?: unknown[]; message?: unknown }) : {};
  const teamId = Array.isArray(current.team_ids) && current.team_ids.length > 0 ? String(current.team_ids[0]) : "";
  const message = typeof current.message === "string" ? current.message : "";
  const set = (next: { teamId: string; message: string }) => onChange([{ team_ids: next.teamId ? [Number(next.teamId)] : [], message: next.message }]);
  return (
    <>
      <Select aria-label={`${label}: team`} value={teamId} onChange={(e) => set({ teamId: e.target.value, message })} className="w-48">
        <option value="">Choose…</option>
        {teams.map((t) => (
          <option key={t.id} value={String(t.id)}>
            {t.name}
          </option>
        ))}
      </Select>
      <Input aria-label={`${label}: message`} className="min-w-64 flex-1" placeholder="Message" value={message} onChange={(e) => set({ teamId, message: e.target.value })} />
    </>
  );
}
