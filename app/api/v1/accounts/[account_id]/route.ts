import { getAccountEndpoint, updateAccountEndpoint } from "@/lib/api/endpoints/account";
import { apiRoute } from "@/lib/api/handler";
import { serializeAccount } from "@/lib/api/serializers/account";
import { getAccount, updateAccount } from "@/lib/accounts/account";
import { accountHoursFromBody } from "@/lib/business-hours/chatwoot";

export const GET = apiRoute(getAccountEndpoint, async ({ db, actor, params }) => serializeAccount(await getAccount(db, actor, params.account_id)));

export const PATCH = apiRoute(updateAccountEndpoint, async ({ db, actor, params, body }) => {
  // working_hours or timezone alone change only that part of the hours: read the current ones first.
  const current = body.working_hours || body.timezone !== undefined ? (await getAccount(db, actor, params.account_id)).businessHours : null;
  const businessHours = accountHoursFromBody(body, current);
  return serializeAccount(await updateAccount(db, actor, params.account_id, { name: body.name, locale: body.locale, assignOnReply: body.assign_on_reply, businessHours, reportingTimeZone: body.reporting_timezone }));
});
