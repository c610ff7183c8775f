import type { z } from "zod";
import type { accountResponse } from "../responses";
import type { AccountDetails } from "@/lib/accounts/account";
import { serializeAccountHours } from "@/lib/business-hours/chatwoot";

/** Chatwoot's account_detail JSON. */
export function serializeAccount(a: AccountDetails): z.infer<typeof accountResponse> {
  return {
    id: a.id,
    name: a.name,
    locale: a.locale,
    status: "active",
    created_at: a.createdAt.toISOString(),
    features: {},
    // Ours, beside Chatwoot's settings keys: whether a reply assigns an unassigned conversation.
    settings: { assign_on_reply: a.assignOnReply },
    // Chatwoot keeps the account's time zone among its custom attributes.
    custom_attributes: a.businessHours ? { timezone: a.businessHours.timeZone } : {},
    ...serializeAccountHours(a.businessHours),
    // Postdesk's (Chatwoot has none): the zone reports count days in.
    reporting_timezone: a.reportingTimeZone,
  };
}
