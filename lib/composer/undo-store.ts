import * as z from 'zod/mini';
import type { DraftId } from '../messages';
import { checkQuietRecord, type Checked } from '../stored-check';
import { DraftSchema, isDraftId } from './draft';

/**
 * Posts that can still be undone, by the draft they came from: the draft as posted (its
 * files stay in the file store until the window closes, for uploading again where the
 * server dropped the media with the status).
 */
export type UndoMap = Partial<Record<DraftId, z.infer<typeof UndoEntrySchema>>>;

const UndoEntrySchema = z.object({ statusId: z.string(), accountId: z.string(), draft: DraftSchema, until: z.number() });

/** Undo entries as stored: a damaged one is dropped (the post stays; Undo is no longer offered for it). */
export function checkUndo(raw: unknown): Checked<UndoMap> {
  const value: UndoMap = {};
  const entries = checkQuietRecord(raw, UndoEntrySchema);
  for (const [key, entry] of Object.entries(entries)) if (isDraftId(key)) value[key] = entry;
  return { value, broken: [] };
}
