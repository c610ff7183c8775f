import type { z } from "zod";
import type { appliedSlasQuery } from "@/lib/api/endpoints/sla";
import type { SlaReportFilters, SlaReportRow } from "@/lib/sla/report";
import { serializeAssignee } from "./agent";
import { unix } from "./time";

/** The API's query (Chatwoot's names, Unix seconds) as the report's filters. */
export function slaReportFiltersFromQuery(q: z.infer<typeof appliedSlasQuery>): SlaReportFilters {
  return {
    since: q.since !== undefined ? new Date(q.since * 1000) : undefined,
    until: q.until !== undefined ? new Date(q.until * 1000) : undefined,
    inboxIds: q.inbox_id,
    teamIds: q.team_id,
    slaPolicyIds: q.sla_policy_id,
    assigneeIds: q.assigned_agent_id,
    labels: q.label_list === undefined ? undefined : Array.isArray(q.label_list) ? q.label_list : q.label_list.split(",").filter((t) => t.trim() !== ""),
  };
}

/** One row of `/applied_slas`: Chatwoot's applied_sla (push_event_data), the conversation's summary and its SLA events. */
export function serializeSlaReportRow(accountId: number, r: SlaReportRow) {
  return {
    applied_sla: {
      id: r.id,
      sla_id: r.slaPolicyId,
      sla_status: r.status,
      created_at: unix(r.createdAt),
      updated_at: unix(r.updatedAt),
      sla_description: r.policy.description,
      sla_name: r.policy.name,
      sla_first_response_time_threshold: r.policy.frt,
      sla_next_response_time_threshold: r.policy.nrt,
      sla_only_during_business_hours: r.policy.onlyDuringBusinessHours,
      sla_resolution_time_threshold: r.policy.rt,
    },
    conversation: {
      id: r.conversation.displayId,
      contact: r.conversation.contactName === null ? {} : { name: r.conversation.contactName },
      labels: r.conversation.labels,
      ...(r.assignee ? { assignee: serializeAssignee(accountId, r.assignee) } : {}),
    },
    sla_events: r.events.map((e) => ({ id: e.id, event_type: e.eventType, meta: e.meta, updated_at: unix(e.createdAt), created_at: unix(e.createdAt) })),
  };
}
