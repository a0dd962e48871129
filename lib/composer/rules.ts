import type { InstanceInfo } from '../mastodon/instance';
import { MASTODON_COUNTING, type CountingRule } from '../server-profile';
import { countPost } from './count';
import type { Draft, DraftPoll, QuotedPost } from './draft';
import { partText } from './thread';

export type Limits = InstanceInfo['limits'];

/** Why a draft can't be posted, or a file can't be attached; the UI words each one. */
export type ComposerProblem =
  | { code: 'empty' }
  | { code: 'too-long'; over: number }
  /** A part of a thread (`part`: 0-based). */
  | { code: 'part-empty'; part: number }
  | { code: 'part-too-long'; part: number; over: number }
  /** A reply needs its parent's id, which a scheduled post does not have yet. */
  | { code: 'thread-scheduled' }
  /** Each account's server would need its own chain of replies: not built (yet). */
  | { code: 'thread-crosspost' }
  | { code: 'media-type'; fileName: string; mimeType: string }
  | { code: 'media-too-large'; fileName: string; limit: number }
  | { code: 'too-many-media'; max: number }
  | { code: 'description-too-long'; fileName: string; limit: number }
  | { code: 'media-not-ready' }
  | { code: 'media-failed'; fileName: string }
  | { code: 'poll-and-media' }
  | { code: 'poll-options-count'; min: number; max: number }
  | { code: 'poll-option-empty'; index: number }
  | { code: 'poll-option-too-long'; index: number; max: number }
  | { code: 'poll-duplicate-option'; index: number }
  | { code: 'poll-duration'; min: number; max: number }
  | { code: 'schedule-invalid' }
  | { code: 'schedule-too-soon'; minutes: number };

/** `automatic` quotes at once; `manual` asks the author; `denied` and `unknown` can't. */
export function isQuotable(approval: QuotedPost['approval']): boolean {
  return approval === 'automatic' || approval === 'manual';
}

/**
 * Whether the draft will be sent as a quote (which Mastodon takes without media or poll).
 * Here, not beside the posting code, so that the composer can ask it without loading
 * the instance client and its answer schemas.
 */
export function quoting(draft: Pick<Draft, 'share' | 'accountId'>): boolean {
  const quote = draft.share?.quote;
  return !!(quote?.on && quote.post && quote.accountId === draft.accountId && isQuotable(quote.post.approval));
}

/** The content warning that will be sent: only when switched on. */
export function effectiveSpoiler(draft: Pick<Draft, 'spoilerEnabled' | 'spoilerText'>): string {
  return draft.spoilerEnabled ? draft.spoilerText : '';
}

/** Mastodon refuses a scheduled post less than five minutes ahead. */
export const MIN_SCHEDULE_AHEAD_MS = 5 * 60 * 1000;

/** Characters left under the limit, counted by the server's own rule. */
export function remainingCharacters(
  draft: Pick<Draft, 'text' | 'spoilerEnabled' | 'spoilerText'>,
  limits: Limits,
  rule: CountingRule = MASTODON_COUNTING,
): number {
  const used = countPost({
    text: draft.text,
    spoilerText: effectiveSpoiler(draft),
    charactersReservedPerUrl: limits.charactersReservedPerUrl,
    rule,
  });
  return limits.maxCharacters - used;
}

/** Characters left in part `index` of the draft's thread, its numbering and the content warning counted. */
export function partRemaining(draft: Draft, index: number, limits: Limits, rule: CountingRule = MASTODON_COUNTING): number {
  return draft.thread ? remainingCharacters({ ...draft, text: partText(draft.thread, index) }, limits, rule) : remainingCharacters(draft, limits, rule);
}

/** Every reason the draft can't be posted as it is (empty list: it can). */
export function checkDraft(draft: Draft, limits: Limits, now: number, rule: CountingRule = MASTODON_COUNTING): ComposerProblem[] {
  const problems: ComposerProblem[] = [];
  if (draft.thread) {
    // Each part is a post of its own; the media and the poll go with the first.
    draft.thread.parts.forEach((part, i) => {
      if (part.text.trim() === '' && !(i === 0 && draft.media.length > 0)) problems.push({ code: 'part-empty', part: i });
      const remaining = partRemaining(draft, i, limits, rule);
      if (remaining < 0) problems.push({ code: 'part-too-long', part: i, over: -remaining });
    });
    if (draft.scheduledAt !== null) problems.push({ code: 'thread-scheduled' });
    if (draft.crosspostTo.some((id) => id !== draft.accountId)) problems.push({ code: 'thread-crosspost' });
  } else {
    if (draft.text.trim() === '' && draft.media.length === 0) problems.push({ code: 'empty' });
    const remaining = remainingCharacters(draft, limits, rule);
    if (remaining < 0) problems.push({ code: 'too-long', over: -remaining });
  }
  for (const media of draft.media) {
    if (limits.descriptionLimit !== null && [...media.description].length > limits.descriptionLimit) {
      problems.push({ code: 'description-too-long', fileName: media.fileName, limit: limits.descriptionLimit });
    }
    if (media.state === 'failed') problems.push({ code: 'media-failed', fileName: media.fileName });
  }
  if (draft.media.some((m) => m.state !== 'ready' && m.state !== 'failed')) problems.push({ code: 'media-not-ready' });
  if (draft.poll) problems.push(...checkPoll(draft.poll, limits, draft.media.length > 0));
  if (draft.scheduledAt !== null) {
    const at = Date.parse(draft.scheduledAt);
    if (Number.isNaN(at)) problems.push({ code: 'schedule-invalid' });
    else if (at - now < MIN_SCHEDULE_AHEAD_MS) problems.push({ code: 'schedule-too-soon', minutes: MIN_SCHEDULE_AHEAD_MS / 60_000 });
  }
  return problems;
}

function checkPoll(poll: NonNullable<Draft['poll']>, limits: Limits, hasMedia: boolean): ComposerProblem[] {
  const problems: ComposerProblem[] = [];
  if (hasMedia) problems.push({ code: 'poll-and-media' });
  if (poll.options.length < 2 || poll.options.length > limits.pollMaxOptions) {
    problems.push({ code: 'poll-options-count', min: 2, max: limits.pollMaxOptions });
  }
  const seen = new Set<string>();
  poll.options.forEach((option, index) => {
    const trimmed = option.trim();
    if (trimmed === '') problems.push({ code: 'poll-option-empty', index });
    else if ([...trimmed].length > limits.pollMaxCharactersPerOption) {
      problems.push({ code: 'poll-option-too-long', index, max: limits.pollMaxCharactersPerOption });
    } else if (seen.has(trimmed)) problems.push({ code: 'poll-duplicate-option', index });
    seen.add(trimmed);
  });
  if (poll.expiresIn < limits.pollMinExpiration || poll.expiresIn > limits.pollMaxExpiration) {
    problems.push({ code: 'poll-duration', min: limits.pollMinExpiration, max: limits.pollMaxExpiration });
  }
  return problems;
}

const DURATION_PRESETS = [300, 1800, 3600, 6 * 3600, 12 * 3600, 86_400, 3 * 86_400, 7 * 86_400];

/** Mastodon's own poll durations, kept to those the instance allows. */
export function pollDurationPresets(limits: Limits): number[] {
  const presets = DURATION_PRESETS.filter((s) => s >= limits.pollMinExpiration && s <= limits.pollMaxExpiration);
  return presets.length > 0 ? presets : [limits.pollMinExpiration];
}

/**
 * What "Add poll" starts with: Mastodon's own default of two options for a day. Here, not
 * beside the poll editor, so that the toolbar's button works before the editor's code loaded.
 */
export function newPoll(limits: Limits): DraftPoll {
  const presets = pollDurationPresets(limits);
  return { options: ['', ''], expiresIn: presets.includes(86_400) ? 86_400 : presets[0]!, multiple: false };
}
