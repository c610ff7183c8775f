import { deleteNoteEndpoint, getNoteEndpoint, updateNoteEndpoint } from "@/lib/api/endpoints/contact-notes";
import { apiRoute } from "@/lib/api/handler";
import { serializeContactNote } from "@/lib/api/serializers/contact-note";
import { deleteContactNote, getContactNote, updateContactNote } from "@/lib/contacts/notes";

export const GET = apiRoute(getNoteEndpoint, async ({ db, actor, params }) =>
  serializeContactNote(await getContactNote(db, actor, params.account_id, params.id, params.note_id)),
);

export const PATCH = apiRoute(updateNoteEndpoint, async ({ db, actor, params, body }) =>
  serializeContactNote(await updateContactNote(db, actor, params.account_id, params.id, params.note_id, { content: body.content })),
);

export const DELETE = apiRoute(deleteNoteEndpoint, async ({ db, actor, params }) => {
  await deleteContactNote(db, actor, params.account_id, params.id, params.note_id);
});
