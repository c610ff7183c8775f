import { z } from "zod";
import { accountParams, defineEndpoint } from "../endpoint";
import { portalListResponse, portalResponse } from "../serializers/help-center";
import { formBoolean, formText, wrapped } from "./help-center-fields";

const portalParams = accountParams.extend({ portal_id: z.string().min(1).max(255) });

/** A logo as a file part of a multipart form (Chatwoot's dashboard uploads it with the portal). */
const logoFile = z.instanceof(Blob).optional().describe("Image file (multipart/form-data)");

const portalFields = {
  name: z.string().optional(),
  slug: z.string().optional(),
  page_title: formText.optional(),
  header_text: formText.optional(),
  color: formText.optional(),
  homepage_link: formText.optional(),
  custom_domain: formText.optional(),
  archived: formBoolean.optional(),
  config: z
    .object({
      allowed_locales: z
        .array(z.union([z.string(), z.object({ code: z.string() }).transform((l) => l.code)]))
        .optional()
        .describe("Locale codes, e.g. [\"en\", \"fr\"]"),
      default_locale: z.string().optional(),
    })
    .optional(),
  logo: logoFile,
};

export const portalBody = wrapped("portal", portalFields);
export type PortalBody = z.infer<typeof portalBody>;

export const listPortalsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/portals",
  summary: "List the account's help-center portals with their article counts",
  tag: "Help Center",
  params: accountParams,
  responds: "{ payload: portal[], meta: { current_page, portals_count } }",
  response: portalListResponse,
});

export const createPortalEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/portals",
  summary:
    "Create a portal (administrators). Body `{ portal: {...} }` or unwrapped, JSON or multipart with a `logo` file. " +
    "Slug and custom domain are unique across the installation",
  tag: "Help Center",
  params: accountParams,
  body: portalBody,
  responds: "portal",
  response: portalResponse,
});

export const getPortalEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/portals/{portal_id}",
  summary: "A portal by its slug (or id)",
  tag: "Help Center",
  params: portalParams,
  responds: "portal",
  response: portalResponse,
});

export const updatePortalEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/portals/{portal_id}",
  summary: "Update a portal (administrators); also PUT",
  tag: "Help Center",
  params: portalParams,
  body: portalBody,
  responds: "portal",
  response: portalResponse,
});

export const archivePortalEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/portals/{portal_id}/archive",
  summary: "Archive a portal: it stops being public (administrators)",
  tag: "Help Center",
  params: portalParams,
  responds: "portal",
  response: portalResponse,
});

export const deletePortalLogoEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/accounts/{account_id}/portals/{portal_id}/logo",
  summary: "Remove the portal's logo (administrators)",
  tag: "Help Center",
  params: portalParams,
  responds: "empty",
});

export const deletePortalEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/accounts/{account_id}/portals/{portal_id}",
  summary: "Delete a portal with its categories and articles (administrators)",
  tag: "Help Center",
  params: portalParams,
  responds: "empty",
});

export { portalParams };

/** Rails routes PUT to update as well; Chatwoot clients use both. */
export const replacePortalEndpoint = defineEndpoint({ ...updatePortalEndpoint, method: "PUT" });
