import type { SlaPolicy } from "@/db/schema";
import type { AppliedSlaSummary } from "@/lib/conversations/types";
import { unix, unixOrNull } from "./time";

/** Chatwoot's sla_policy JSON: thresholds in seconds. */
export function serializeSlaPolicy(p: SlaPolicy) {
  return {
    id: p.id,
    account_id: p.accountId,
    name: p.name,
    description: p.description,
    first_response_time_threshold: p.firstResponseSeconds,
    next_response_time_threshold: p.nextResponseSeconds,
    resolution_time_threshold: p.resolutionSeconds,
    only_during_business_hours: p.onlyDuringBusinessHours,
    created_at: unix(p.createdAt),
    updated_at: unix(p.updatedAt),
  };
}

/** A conversation's `applied_sla` (Chatwoot's AppliedSla#push_event_data, due times as Unix seconds). */
export function serializeAppliedSla(a: AppliedSlaSummary) {
  return {
    id: a.id,
    sla_id: a.policyId,
    sla_status: a.status,
    created_at: unix(a.createdAt),
    updated_at: unix(a.updatedAt),
    sla_description: a.description,
    sla_name: a.name,
    sla_first_response_time_threshold: a.thresholds.frt,
    sla_next_response_time_threshold: a.thresholds.nrt,
    sla_only_during_business_hours: a.onlyDuringBusinessHours,
    sla_resolution_time_threshold: a.thresholds.rt,
    sla_frt_due_at: unixOrNull(a.frtDueAt),
    sla_nrt_due_at: unixOrNull(a.nrtDueAt),
    sla_rt_due_at: unixOrNull(a.rtDueAt),
  };
}
