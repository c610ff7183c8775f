import { createNoteEndpoint, listNotesEndpoint } from "@/lib/api/endpoints/contact-notes";
import { apiRoute } from "@/lib/api/handler";
import { serializeContactNote } from "@/lib/api/serializers/contact-note";
import { createContactNote, listContactNotes } from "@/lib/contacts/notes";

export const GET = apiRoute(listNotesEndpoint, async ({ db, actor, params }) =>
  (await listContactNotes(db, actor, params.account_id, params.id)).map(serializeContactNote),
);

export const POST = apiRoute(createNoteEndpoint, async ({ db, actor, params, body }) =>
  serializeContactNote(await createContactNote(db, actor, params.account_id, params.id, { content: body.content })),
);
