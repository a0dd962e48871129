import { describe, expect, it } from 'vitest';
import { emptyDraft } from '@/lib/composer/draft';
import { checkUndo } from '@/lib/composer/undo-store';

describe('checkUndo', () => {
  it('keeps valid entries and drops damaged ones and keys that are not drafts', () => {
    const entry = { statusId: '1', accountId: 'alice@example.social', draft: { ...emptyDraft('k', 'alice@example.social', 0), text: 'Posted' }, until: 5 };
    const checked = checkUndo({ popup: entry, 'share-1': { ...entry, until: 'soon' }, other: entry });
    expect(checked).toEqual({ value: { popup: entry }, broken: [] });
    expect(checkUndo('junk')).toEqual({ value: {}, broken: [] });
  });
});
