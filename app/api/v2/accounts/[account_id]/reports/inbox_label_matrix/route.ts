import { inboxLabelMatrixEndpoint } from "@/lib/api/endpoints/report-breakdowns";
import { apiRoute } from "@/lib/api/handler";
import { getInboxLabelMatrix } from "@/lib/reports";

export const GET = apiRoute(inboxLabelMatrixEndpoint, async ({ db, actor, params, query }) =>
  getInboxLabelMatrix(db, actor, params.account_id, { since: query.since, until: query.until, inboxIds: query.inbox_ids, labelIds: query.label_ids }),
);
