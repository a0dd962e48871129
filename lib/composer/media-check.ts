import type { Draft } from './draft';
import type { ComposerProblem, Limits } from './rules';

/*
 * A file checked against the instance's limits as it is attached (the composer, before
 * anything leaves the machine; the background, again, as it takes the file). Apart from
 * rules.ts, which the popup loads at rest: attaching files loads this with it.
 */

/** Video and audio have their own size limit; everything else is held to the image limit. */
function sizeLimitFor(mimeType: string, limits: Limits): number | null {
  return /^(video|audio)\//.test(mimeType) ? limits.videoSizeLimit : limits.imageSizeLimit;
}

/** Checked before any upload, so a file the server would refuse never leaves the machine. */
export function checkNewMedia(
  file: { name: string; type: string; size: number },
  draft: Pick<Draft, 'media' | 'poll'>,
  limits: Limits,
): ComposerProblem | null {
  if (draft.poll) return { code: 'poll-and-media' };
  if (draft.media.length >= limits.maxMediaAttachments) return { code: 'too-many-media', max: limits.maxMediaAttachments };
  const known = limits.supportedMimeTypes;
  const acceptable = known.length > 0 ? known.includes(file.type) : /^(image|video|audio)\//.test(file.type);
  if (!acceptable) return { code: 'media-type', fileName: file.name, mimeType: file.type || '?' };
  const limit = sizeLimitFor(file.type, limits);
  // Mastodon validates `less_than` the limit (Paperclip): a file of exactly the limit is refused.
  if (limit !== null && file.size >= limit) return { code: 'media-too-large', fileName: file.name, limit };
  return null;
}
