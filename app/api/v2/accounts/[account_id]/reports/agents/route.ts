import { agentsCsvEndpoint, reportFilterOf } from "@/lib/api/endpoints/reports";
import { apiRoute } from "@/lib/api/handler";
import { csvResponse } from "@/lib/api/csv-response";
import { reportCsv } from "@/lib/reports";

export const GET = apiRoute(agentsCsvEndpoint, async ({ db, actor, params, query }) =>
  csvResponse("agents_report.csv", await reportCsv(db, actor, params.account_id, { ...reportFilterOf(query), dimension: "agent" })),
);
