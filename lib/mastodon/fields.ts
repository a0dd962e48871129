import * as z from 'zod/mini';
import { field } from '../stored-check';

/** Fields that many entities share, read the same way everywhere. */

/** An entity's id: a string in Mastodon's API; some servers send a number. */
export const IdSchema = z.pipe(z.union([z.string(), z.number()]), z.transform(String));

/** A text field: missing or malformed reads as empty. */
export const TextSchema = field(z.string(), '');
