import { labelsCsvEndpoint, reportFilterOf } from "@/lib/api/endpoints/reports";
import { apiRoute } from "@/lib/api/handler";
import { csvResponse } from "@/lib/api/csv-response";
import { reportCsv } from "@/lib/reports";

export const GET = apiRoute(labelsCsvEndpoint, async ({ db, actor, params, query }) =>
  csvResponse("labels_report.csv", await reportCsv(db, actor, params.account_id, { ...reportFilterOf(query), dimension: "label" })),
);
