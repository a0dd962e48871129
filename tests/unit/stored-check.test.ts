import { describe, expect, it } from 'vitest';
import { checkAccounts, migrateAccountsV1 } from '@/lib/accounts';
import { checkDrafts, emptyDraft } from '@/lib/composer/draft';
import { checkRegistrations } from '@/lib/registrations';
import { checkedValue, createSetAsideLog } from '@/lib/set-aside';
import { memoryValue } from '@/lib/stored-value';
import { storedAccount } from '../helpers/stored-account';

const account = storedAccount('alice', 'https://a.social', {
  avatar: 'https://a.social/a.png',
  scopes: ['read'],
  token: 'secret-token',
  app: { clientId: 'cid', clientSecret: 'csecret' },
  registrationKey: 'https://a.social r read',
});

describe('checkAccounts', () => {
  it('keeps valid accounts and reports a broken one by id only', () => {
    const { value, broken } = checkAccounts({ accounts: [account, { ...account, id: 'bob@a.social', username: 'bob', token: null }] });
    expect(value.accounts.map((a) => a.id)).toEqual(['alice@a.social']);
    expect(broken).toEqual([{ key: '1', label: 'bob@a.social', text: null, fingerprint: expect.any(String) }]);
    expect(JSON.stringify(broken)).not.toContain('secret');
  });

  it('gives fields added since v1 their defaults instead of dropping the account', () => {
    const { displayName: _d, scopes: _s, defaults: _f, app: _a, connectedAt: _c, ...old } = account;
    const { value, broken } = checkAccounts({ accounts: [old], defaultAccountId: 'alice@a.social' });
    expect(broken).toEqual([]);
    expect(value.accounts[0]).toMatchObject({ displayName: '', scopes: [], app: null, connectedAt: 0, defaults: { visibility: 'public' } });
  });

  it('chooses a default among the accounts that remain', () => {
    expect(checkAccounts({ accounts: [account], defaultAccountId: 'gone@x.social' }).value.defaultAccountId).toBe('alice@a.social');
    expect(checkAccounts({ accounts: [account], defaultAccountId: 5 }).value.defaultAccountId).toBe('alice@a.social');
    expect(checkAccounts({ accounts: [] }).value.defaultAccountId).toBeNull();
  });

  it('reads nothing stored as no accounts, without a report', () => {
    expect(checkAccounts(undefined)).toEqual({ value: { accounts: [], defaultAccountId: null }, broken: [] });
  });

  it.each([['{"accounts":[{"id'], [42], [[account]], [{ accounts: 'x' }]])('reports %j as broken as a whole', (raw) => {
    const { value, broken } = checkAccounts(raw);
    expect(value.accounts).toEqual([]);
    expect(broken).toMatchObject([{ key: '', label: null, text: null }]);
  });

  it('refuses an unsafe avatar or origin', () => {
    expect(checkAccounts({ accounts: [{ ...account, avatar: 'javascript:alert(1)' }] }).value.accounts[0]?.avatar).toBe('');
    expect(checkAccounts({ accounts: [{ ...account, origin: 'javascript:alert(1)' }] }).broken).toHaveLength(1);
  });
});

describe('migrateAccountsV1', () => {
  it("copies each account's app credentials from its registration", () => {
    const { app: _app, ...v1 } = account;
    const registrations = { [account.registrationKey]: { clientId: 'cid', clientSecret: 'csecret' } };
    const migrated = migrateAccountsV1({ accounts: [v1, { ...v1, registrationKey: 'gone' }], defaultAccountId: 'alice@a.social' }, registrations);
    expect(migrated).toEqual({
      accounts: [
        { ...v1, app: { clientId: 'cid', clientSecret: 'csecret' } },
        { ...v1, registrationKey: 'gone', app: null },
      ],
      defaultAccountId: 'alice@a.social',
    });
  });

  it('leaves what it cannot read to the check on read', () => {
    expect(migrateAccountsV1('garbage', {})).toBe('garbage');
    expect(migrateAccountsV1({ accounts: [7] }, null)).toEqual({ accounts: [7] });
  });
});

describe('checkRegistrations', () => {
  const registration = { key: 'https://a.social r read', origin: 'https://a.social', clientId: 'c', clientSecret: 's', redirectUri: 'r', scopes: 'read', createdAt: 1, manual: false };

  it('keeps valid ones, names a broken one by its instance, never its secret', () => {
    const { value, broken } = checkRegistrations({ [registration.key]: registration, 'https://b.social r read': { clientSecret: 'hidden' } });
    expect(Object.keys(value)).toEqual([registration.key]);
    expect(broken).toMatchObject([{ key: 'https://b.social r read', label: 'https://b.social', text: null }]);
    expect(JSON.stringify(broken)).not.toContain('hidden');
  });

  it('drops an entry filed under another key than its own', () => {
    expect(checkRegistrations({ other: registration }).value).toEqual({});
  });
});

describe('checkDrafts', () => {
  it('keeps an older draft, defaults filled in, broken attachments left out', () => {
    const { value, broken } = checkDrafts({ popup: { idempotencyKey: 'k', text: 'hi', media: [{ localId: 1 }] } });
    expect(broken).toEqual([]);
    expect(value.popup).toEqual({ ...emptyDraft('k', null, 0), text: 'hi' });
  });

  it('offers back the words of a broken draft, or the damaged value itself', () => {
    const { broken } = checkDrafts({
      popup: { text: 'no key' },
      'share-1': '{"text":"cut',
      'share-2': { idempotencyKey: 'k', text: 5 },
      'share-3': null,
    });
    expect(broken.map((b) => [b.key, b.label, b.text])).toEqual([
      ['popup', 'popup', 'no key'],
      ['share-1', 'share-1', '{"text":"cut'],
      ['share-2', 'share-2', '{"idempotencyKey":"k","text":5}'],
      ['share-3', 'share-3', null],
    ]);
  });

  it('offers no words where there are none, and at most 100 000 characters of a huge one', () => {
    const { broken } = checkDrafts({ popup: { text: '  \n ' }, 'share-1': { text: 'x'.repeat(100_050) }, 'share-2': '   ' });
    expect(broken.map((b) => [b.key, b.text?.length ?? null])).toEqual([
      ['popup', null],
      ['share-1', 100_000],
      ['share-2', null],
    ]);
  });

  it('ignores entries that are no surface’s draft', () => {
    expect(checkDrafts({ nonsense: { idempotencyKey: 'k', text: 'x' } }).value).toEqual({});
  });
});

describe('the set-aside log', () => {
  const broken = { key: 'popup', label: 'popup', text: 'words', fingerprint: 'f1' };

  it('notes each damage once, even after it was dismissed', async () => {
    const log = createSetAsideLog(memoryValue<unknown>([]), () => 5);
    await log.record('drafts', [broken]);
    await log.record('drafts', [broken]);
    const [note] = await log.list();
    expect(note).toEqual({ id: 'drafts:popup:f1', item: 'drafts', key: 'popup', label: 'popup', text: 'words', at: 5, dismissed: false });
    await log.dismiss(note!.id);
    await log.record('drafts', [broken]);
    expect(await log.list()).toEqual([]);
    // Another damage of the same draft is news.
    await log.record('drafts', [{ ...broken, fingerprint: 'f2' }]);
    expect(await log.list()).toHaveLength(1);
  });

  it('forgets the text of a dismissed note', async () => {
    const store = memoryValue<unknown>([]);
    const log = createSetAsideLog(store);
    await log.record('drafts', [broken]);
    await log.dismiss('drafts:popup:f1');
    expect(JSON.stringify(await store.getValue())).not.toContain('words');
  });

  it('keeps at most 50 notes, dropping dismissed ones first', async () => {
    const log = createSetAsideLog(memoryValue<unknown>([]));
    await log.record('drafts', [{ ...broken, fingerprint: 'first' }]);
    await log.dismiss('drafts:popup:first');
    await log.record('drafts', Array.from({ length: 50 }, (_, i) => ({ ...broken, fingerprint: `n${i}` })));
    const notes = await log.list();
    expect(notes).toHaveLength(50);
  });

  it('survives a damaged log of its own', async () => {
    const log = createSetAsideLog(memoryValue<unknown>('garbage'));
    expect(await log.list()).toEqual([]);
    await log.record('accounts', [broken]);
    expect(await log.list()).toHaveLength(1);
  });

  it('is written by a checked read before the read returns', async () => {
    const log = createSetAsideLog(memoryValue<unknown>([]));
    const drafts = checkedValue(memoryValue<unknown>({ popup: 42 }), checkDrafts, { log, item: 'drafts' });
    expect(await drafts.getValue()).toEqual({});
    expect(await log.list()).toMatchObject([{ item: 'drafts', key: 'popup' }]);
  });
});
