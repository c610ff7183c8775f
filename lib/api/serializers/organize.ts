import type { z } from "zod";
import type { teamResponse } from "../responses";
import type { CustomAttributeDefinition } from "@/lib/custom-attributes/definitions";
import type { Label } from "@/lib/labels/labels";
import type { TeamDetails, TeamMember } from "@/lib/teams/teams";

/** Chatwoot's label JSON. */
export const serializeLabel = (l: Label) => ({
  id: l.id,
  title: l.title,
  description: l.description,
  color: l.color,
  show_on_sidebar: l.showOnSidebar,
});

/** Chatwoot's team partial. */
export const serializeTeam = (t: TeamDetails): z.infer<typeof teamResponse> => ({
  id: t.id,
  name: t.name,
  description: t.description,
  allow_auto_assign: t.allowAutoAssign,
  account_id: t.accountId,
  is_member: t.isMember,
});

/** A team member as Chatwoot's agent partial shows it. */
export const serializeTeamMember = (accountId: number, m: TeamMember) => ({
  id: m.id,
  account_id: accountId,
  availability_status: m.availability,
  auto_offline: true,
  confirmed: true,
  email: m.email,
  available_name: m.displayName || m.name,
  name: m.name,
  role: m.role,
  thumbnail: "",
  custom_role_id: null,
});

/** Chatwoot's custom attribute definition JSON: model and display type by name, times in ISO. */
export const serializeDefinition = (d: CustomAttributeDefinition) => ({
  id: d.id,
  attribute_display_name: d.attributeDisplayName,
  attribute_display_type: d.attributeDisplayType,
  attribute_description: d.attributeDescription,
  attribute_key: d.attributeKey,
  regex_pattern: d.regexPattern,
  regex_cue: d.regexCue,
  attribute_values: d.attributeValues,
  attribute_model: d.attributeModel,
  default_value: null,
  created_at: d.createdAt.toISOString(),
  updated_at: d.updatedAt.toISOString(),
});
