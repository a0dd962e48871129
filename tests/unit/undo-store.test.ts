import { describe, expect, it } from 'vitest';
import { emptyDraft } from '@/lib/composer/draft';
import { checkPosted } from '@/lib/composer/posted';
import { checkUndo } from '@/lib/composer/undo-store';

describe('checkUndo', () => {
  it('keeps valid entries and drops damaged ones and keys that are not drafts', () => {
    const entry = { statusId: '1', accountId: 'alice@example.social', draft: { ...emptyDraft('k', 'alice@example.social', 0), text: 'Posted' }, until: 5 };
    const checked = checkUndo({ popup: entry, 'share-1': { ...entry, until: 'soon' }, other: entry });
    expect(checked).toEqual({ value: { popup: entry }, broken: [] });
    expect(checkUndo('junk')).toEqual({ value: {}, broken: [] });
  });
});

describe('checkPosted', () => {
  it('keeps outcomes whose link is a web address, and drops one whose "View post" would be anything else', () => {
    const kept = { url: 'https://x.social/@a/1', scheduledAt: null, at: 5 };
    const scheduled = { url: null, scheduledAt: '2026-12-01T10:00:00.000Z', at: 6 };
    const checked = checkPosted({ k1: kept, k2: scheduled, k3: { ...kept, url: 'javascript:alert(1)' }, k4: { ...kept, at: 'now' } });
    expect(checked).toEqual({ value: { k1: kept, k2: scheduled }, broken: [] });
  });
});
