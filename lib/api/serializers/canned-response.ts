import type { CannedResponse } from "@/db/schema";

/** Chatwoot's canned response JSON (timestamps as ISO 8601, as its jbuilder renders them). */
export const serializeCannedResponse = (r: CannedResponse) => ({
  id: r.id,
  account_id: r.accountId,
  short_code: r.shortCode,
  content: r.content,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});
