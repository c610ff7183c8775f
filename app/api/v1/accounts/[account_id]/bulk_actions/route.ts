import { bulkActionsEndpoint } from "@/lib/api/endpoints/filters";
import { apiRoute } from "@/lib/api/handler";
import { parseApiTime } from "@/lib/api/serializers/time";
import { startBulkAction } from "@/lib/bulk-actions/run";

export const POST = apiRoute(bulkActionsEndpoint, async ({ db, actor, params, body }) => {
  const { fields } = body;
  const started = await startBulkAction(db, actor, params.account_id, {
    ids: body.ids?.map(Number),
    filter: body.filter,
    status: fields.status,
    snoozedUntil: fields.snoozed_until === undefined ? undefined : parseApiTime(fields.snoozed_until),
    assigneeId: fields.assignee_id === undefined ? undefined : fields.assignee_id === null ? null : Number(fields.assignee_id),
    teamId: fields.team_id === undefined ? undefined : fields.team_id === null ? null : Number(fields.team_id),
    labels: body.labels,
  });
  return { run_id: started.runId, queued: started.queued, total: started.progress?.total ?? null, done: started.progress?.done ?? null, failed: started.progress?.failed ?? null };
});
