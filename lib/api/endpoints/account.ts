import { z } from "zod";
import { accountHoursBody } from "@/lib/business-hours/chatwoot";
import { accountResponse, profileResponse } from "../responses";
import { accountParams, defineEndpoint, wrappedBody } from "../endpoint";

export const getProfileEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/profile",
  summary: "The token holder's profile, with their accounts and access token",
  tag: "Profile",
  responds: "user",
  response: profileResponse,
});

export const updateProfileEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/v1/profile",
  summary: "Update the token holder's name, display name and email signature (`{profile: {...}}` or flat)",
  tag: "Profile",
  body: wrappedBody(
    "profile",
    z.object({
      name: z.string().optional(),
      display_name: z.string().optional(),
      message_signature: z.string().nullable().optional(),
      ui_settings: z.object({ send_with_signature: z.boolean().optional() }).loose().optional(),
    }),
  ),
  responds: "user",
  response: profileResponse,
});

export const getAccountEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}",
  summary: "Account details",
  tag: "Account",
  params: accountParams,
  responds: "account",
  response: accountResponse,
});

export const updateAccountEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}",
  summary: "Update the account (administrators)",
  tag: "Account",
  params: accountParams,
  body: z.object({
    name: z.string().optional(),
    locale: z.string().optional(),
    assign_on_reply: z.boolean().optional().describe("A reply to an unassigned conversation assigns it to the replier (default true); shown in settings.assign_on_reply"),
    reporting_timezone: z
      .string()
      .nullable()
      .optional()
      .describe("Postdesk's: the IANA time zone reports count days, weeks and months in (null: the business hours' zone, else UTC)"),
    ...accountHoursBody,
  }),
  responds: "account",
  response: accountResponse,
});

export const setProfileAvailabilityEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/profile/availability",
  summary: "Set the token holder's availability (online, busy, offline) in one of their accounts",
  tag: "Profile",
  body: z.object({
    profile: z.object({ availability: z.enum(["online", "busy", "offline"]), account_id: z.number().int().positive() }),
  }),
  responds: "user",
  response: profileResponse,
});
