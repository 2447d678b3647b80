import type { EntityItem } from "electrodb";
import { ulid } from "ulid";
import * as z from "zod";
import { db } from "../entities";
import type { ClientNote } from "../entities/client-note";

/** The practitioner's dated notes on a client: added, never edited (a correction is a new note). */
export const ClientNoteInput = z.strictObject({
  body: z.string().trim().min(1, "Write the note").max(4_000, "Keep a note under 4,000 characters"),
});
export type ClientNoteItem = EntityItem<typeof ClientNote>;

export async function addClientNote(clientId: string, input: z.output<typeof ClientNoteInput>, by: string, now: Date): Promise<ClientNoteItem> {
  const note: ClientNoteItem = { clientId, noteId: ulid(now.getTime()), body: input.body, writtenBy: by, writtenAt: now.toISOString() };
  await db().entities.clientNote.create(note).go({ response: "none" });
  return note;
}

/** Newest first, as the client record lists them. */
export const newestNotesFirst = (notes: readonly ClientNoteItem[]): ClientNoteItem[] =>
  [...notes].sort((a, b) => b.writtenAt.localeCompare(a.writtenAt) || b.noteId.localeCompare(a.noteId));

export async function notesOf(clientId: string): Promise<ClientNoteItem[]> {
  const { data } = await db().entities.clientNote.query.byClient({ clientId }).go({ pages: "all" });
  return newestNotesFirst(data);
}
