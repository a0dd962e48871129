import { describe, expect, it } from 'vitest';
import { emptyDraft, type Draft, type DraftMedia } from '@/lib/composer/draft';
import { checkDraft, pollDurationPresets, quoting, remainingCharacters } from '@/lib/composer/rules';
import { checkNewMedia } from '@/lib/composer/media-check';
import { DEFAULT_LIMITS } from '@/lib/mastodon/instance';

const limits = { ...DEFAULT_LIMITS, supportedMimeTypes: ['image/png', 'image/jpeg', 'video/mp4'], imageSizeLimit: 1000, videoSizeLimit: 5000, descriptionLimit: 10 };
const NOW = Date.parse('2026-11-23T12:00:00Z');
const draft = (patch: Partial<Draft> = {}): Draft => ({ ...emptyDraft('key', 'a@b', NOW), text: 'hello', ...patch });
const media = (patch: Partial<DraftMedia> = {}): DraftMedia => ({
  localId: 'm1', fileName: 'cat.png', mimeType: 'image/png', size: 10, description: '', state: 'ready',
  serverId: '1', uploadedFor: 'a@b', previewUrl: null, descriptionSynced: true, error: null, ...patch,
});

describe('remaining characters', () => {
  it('counts the content warning only when it is switched on', () => {
    expect(remainingCharacters(draft({ spoilerEnabled: false, spoilerText: 'xxxxx' }), limits)).toBe(495);
    expect(remainingCharacters(draft({ spoilerEnabled: true, spoilerText: 'xxxxx' }), limits)).toBe(490);
  });
});

describe('a new file', () => {
  it.each([
    ['accepted', { name: 'a.png', type: 'image/png', size: 999 }, {}, null],
    ['unsupported type', { name: 'a.bmp', type: 'image/bmp', size: 10 }, {}, { code: 'media-type', fileName: 'a.bmp', mimeType: 'image/bmp' }],
    ['image over the image limit', { name: 'a.png', type: 'image/png', size: 1001 }, {}, { code: 'media-too-large', fileName: 'a.png', limit: 1000 }],
    // Mastodon's `less_than`: the limit itself is one byte too many.
    ['image of exactly the image limit', { name: 'a.png', type: 'image/png', size: 1000 }, {}, { code: 'media-too-large', fileName: 'a.png', limit: 1000 }],
    ['video held to the video limit', { name: 'v.mp4', type: 'video/mp4', size: 4000 }, {}, null],
    ['too many', { name: 'a.png', type: 'image/png', size: 1 }, { media: [media(), media(), media(), media()] }, { code: 'too-many-media', max: 4 }],
    ['not with a poll', { name: 'a.png', type: 'image/png', size: 1 }, { poll: { options: ['a', 'b'], expiresIn: 300, multiple: false } }, { code: 'poll-and-media' }],
  ] as const)('%s', (_name, file, patch, expected) => {
    expect(checkNewMedia(file, draft(patch as Partial<Draft>), limits)).toEqual(expected);
  });

  it('accepts any image, video or audio where the instance lists no types', () => {
    const open = { ...limits, supportedMimeTypes: [] };
    expect(checkNewMedia({ name: 'a.webp', type: 'image/webp', size: 1 }, draft(), open)).toBeNull();
    expect(checkNewMedia({ name: 'a.pdf', type: 'application/pdf', size: 1 }, draft(), open)).toMatchObject({ code: 'media-type' });
  });
});

describe('can the draft be posted', () => {
  it.each([
    ['plain text', {}, []],
    ['nothing at all', { text: '  ' }, [{ code: 'empty' }]],
    ['media without text is fine', { text: '', media: [media()] }, []],
    ['over the limit', { text: 'x'.repeat(503) }, [{ code: 'too-long', over: 3 }]],
    ['upload still running', { media: [media({ state: 'processing' })] }, [{ code: 'media-not-ready' }]],
    ['failed upload', { media: [media({ state: 'failed' })] }, [{ code: 'media-failed', fileName: 'cat.png' }]],
    ['alt text over the limit', { media: [media({ description: 'x'.repeat(11) })] }, [{ code: 'description-too-long', fileName: 'cat.png', limit: 10 }]],
    ['poll with one option', { poll: { options: ['a'], expiresIn: 300, multiple: false } }, [{ code: 'poll-options-count', min: 2, max: 4 }]],
    ['poll with an empty option', { poll: { options: ['a', ' '], expiresIn: 300, multiple: false } }, [{ code: 'poll-option-empty', index: 1 }]],
    ['poll option too long', { poll: { options: ['a', 'b'.repeat(51)], expiresIn: 300, multiple: false } }, [{ code: 'poll-option-too-long', index: 1, max: 50 }]],
    ['duplicate options', { poll: { options: ['a', 'a '], expiresIn: 300, multiple: false } }, [{ code: 'poll-duplicate-option', index: 1 }]],
    ['poll too short', { poll: { options: ['a', 'b'], expiresIn: 60, multiple: false } }, [{ code: 'poll-duration', min: 300, max: 2_629_746 }]],
    ['poll and media', { media: [media()], poll: { options: ['a', 'b'], expiresIn: 300, multiple: false } }, [{ code: 'poll-and-media' }]],
    ['schedule in 4 minutes', { scheduledAt: new Date(NOW + 4 * 60_000).toISOString() }, [{ code: 'schedule-too-soon', minutes: 5 }]],
    ['schedule in 6 minutes', { scheduledAt: new Date(NOW + 6 * 60_000).toISOString() }, []],
    ['schedule unreadable', { scheduledAt: 'soon' }, [{ code: 'schedule-invalid' }]],
  ] as const)('%s', (_name, patch, expected) => {
    expect(checkDraft(draft(patch as Partial<Draft>), limits, NOW)).toEqual(expected);
  });
});

it('offers only the poll durations the instance allows', () => {
  expect(pollDurationPresets({ ...limits, pollMinExpiration: 3600, pollMaxExpiration: 86_400 })).toEqual([3600, 21_600, 43_200, 86_400]);
  expect(pollDurationPresets(limits)).toHaveLength(8);
});

describe('the limits hold at their edges', () => {
  it('an alt text exactly at the limit passes, one more character does not', () => {
    expect(checkDraft(draft({ media: [media({ description: 'x'.repeat(10) })] }), limits, NOW)).toEqual([]);
    expect(checkDraft(draft({ media: [media({ description: 'x'.repeat(11) })] }), limits, NOW)).toEqual([
      { code: 'description-too-long', fileName: 'cat.png', limit: 10 },
    ]);
  });

  it('a post scheduled exactly five minutes ahead is fine, a second less is too soon', () => {
    expect(checkDraft(draft({ scheduledAt: new Date(NOW + 5 * 60_000).toISOString() }), limits, NOW)).toEqual([]);
    expect(checkDraft(draft({ scheduledAt: new Date(NOW + 5 * 60_000 - 1000).toISOString() }), limits, NOW)).toEqual([
      { code: 'schedule-too-soon', minutes: 5 },
    ]);
  });

  const poll = (options: string[]) => ({ options, expiresIn: 300, multiple: false });

  it('a poll may have as many options as the instance allows, not one more', () => {
    const four = ['a', 'b', 'c', 'd'];
    expect(checkDraft(draft({ poll: poll(four) }), { ...limits, pollMaxOptions: 4 }, NOW)).toEqual([]);
    expect(checkDraft(draft({ poll: poll([...four, 'e']) }), { ...limits, pollMaxOptions: 4 }, NOW)).toEqual([
      { code: 'poll-options-count', min: 2, max: 4 },
    ]);
  });

  it('a poll option exactly at the length limit passes', () => {
    const at = 'x'.repeat(limits.pollMaxCharactersPerOption);
    expect(checkDraft(draft({ poll: poll([at, 'b']) }), limits, NOW)).toEqual([]);
    expect(checkDraft(draft({ poll: poll([`${at}x`, 'b']) }), limits, NOW)).toEqual([
      { code: 'poll-option-too-long', index: 0, max: limits.pollMaxCharactersPerOption },
    ]);
  });

  it('offers the instance’s minimum as the one duration when no preset fits', () => {
    expect(pollDurationPresets({ ...limits, pollMinExpiration: 301, pollMaxExpiration: 302 })).toEqual([301]);
    expect(pollDurationPresets({ ...limits, pollMinExpiration: 300, pollMaxExpiration: 300 })).toEqual([300]);
  });

  it('without a list of types, takes images, video and audio by their MIME type, and only those', () => {
    const open = { ...limits, supportedMimeTypes: [] };
    expect(checkNewMedia({ name: 'a.webp', type: 'image/webp', size: 1 }, draft(), open)).toBeNull();
    expect(checkNewMedia({ name: 'a.ogg', type: 'audio/ogg', size: 1 }, draft(), open)).toBeNull();
    expect(checkNewMedia({ name: 'a.txt', type: 'text/x-image/png', size: 1 }, draft(), open)).toEqual({
      code: 'media-type', fileName: 'a.txt', mimeType: 'text/x-image/png',
    });
    expect(checkNewMedia({ name: 'blob', type: '', size: 1 }, draft(), open)).toEqual({ code: 'media-type', fileName: 'blob', mimeType: '?' });
  });

  it('holds only video and audio to the video limit', () => {
    const open = { ...limits, supportedMimeTypes: [] };
    expect(checkNewMedia({ name: 'a.ogg', type: 'audio/ogg', size: 4000 }, draft(), open)).toBeNull();
    expect(checkNewMedia({ name: 'a.png', type: 'image/x-video/png', size: 4000 }, draft(), open)).toEqual({
      code: 'media-too-large', fileName: 'a.png', limit: 1000,
    });
  });
});

describe('sent as a quote', () => {
  const post = { id: '1', url: 'https://b.social/@bob/1', authorAcct: 'bob@b.social', authorName: 'Bob', text: 'hi', image: null, approval: 'automatic' as const, followersOnly: false };
  const sharing = (accountId: string) => ({ accountId, share: { quote: { accountId: 'alice@a.social', check: 'found' as const, post, on: true } } }) as Pick<Draft, 'share' | 'accountId'>;

  it('only by the account whose server found the post: its id means nothing on another server', () => {
    expect(quoting(sharing('alice@a.social'))).toBe(true);
    expect(quoting(sharing('carol@c.social'))).toBe(false);
  });
});
