import { describe, expect, it } from 'vitest';
import { memoryValue } from '@/lib/stored-value';
import { checkSignUpDraft, checkWaitingAccounts, createWaitingStore, toWaitingView, type WaitingAccount, type WaitingAccounts } from '@/lib/signup/waiting';

const waiting: WaitingAccount = {
  id: 'carol@b.social',
  username: 'carol',
  origin: 'https://b.social',
  email: 'carol@example.com',
  state: 'confirm-email',
  createdAt: 1,
  token: 'tok',
  scopes: ['read', 'write'],
  app: { clientId: 'id', clientSecret: 'secret' },
  registrationKey: 'https://b.social key',
};

describe('checkWaitingAccounts', () => {
  it('keeps the readable accounts when one is damaged, the first of the same id standing', () => {
    const other = { ...waiting, id: 'dave@b.social', username: 'dave', state: 'approval' };
    const { value } = checkWaitingAccounts([waiting, { ...waiting, token: 42 }, other, { ...waiting, email: 'second@example.com' }]);
    expect(value).toEqual([waiting, other]);
  });

  it('keeps an account stored before it kept its app, without one', () => {
    const { app: _app, ...older } = waiting;
    expect(checkWaitingAccounts([older]).value).toEqual([{ ...waiting, app: null }]);
  });

  it('reads nothing or something else entirely as no waiting accounts', () => {
    expect(checkWaitingAccounts(undefined).value).toEqual([]);
    expect(checkWaitingAccounts({ carol: waiting }).value).toEqual([]);
  });

  it('sets nothing aside to show: an unreadable waiting account simply waits no more (its server still has it)', () => {
    expect(checkWaitingAccounts([waiting, { ...waiting, token: 42 }]).broken).toEqual([]);
    expect(checkWaitingAccounts('garbage').broken).toEqual([]);
  });

  it('shows no secret to the UI', () => {
    expect(toWaitingView(waiting)).toEqual({ id: 'carol@b.social', username: 'carol', origin: 'https://b.social', email: 'carol@example.com', state: 'confirm-email', createdAt: 1 });
  });
});

describe('checkSignUpDraft', () => {
  const draft = { input: 'b.social', username: 'carol', email: 'carol@example.com', dateOfBirth: '', reason: '', agreed: true };

  it('reads a draft as saved, with or without a refused sign-up page', () => {
    expect(checkSignUpDraft(draft).value).toEqual(draft);
    expect(checkSignUpDraft({ ...draft, refusedSignUpUrl: 'https://b.social/signup' }).value).toEqual({ ...draft, refusedSignUpUrl: 'https://b.social/signup' });
  });

  it('sets nothing aside to show for a damaged form', () => {
    expect(checkSignUpDraft({ ...draft, agreed: 'yes' }).broken).toEqual([]);
    expect(checkSignUpDraft(draft).broken).toEqual([]);
  });

  it('reads a damaged draft as an empty form, and never keeps a password', () => {
    expect(checkSignUpDraft({ ...draft, agreed: 'yes' }).value).toBeNull();
    expect(checkSignUpDraft(null).value).toBeNull();
    expect(checkSignUpDraft({ ...draft, password: 'hunter2' }).value).not.toHaveProperty('password');
  });
});

describe('createWaitingStore', () => {
  it('adds, finds, replaces the one with the same id, and forgets, leaving the others alone', async () => {
    const store = createWaitingStore(memoryValue<WaitingAccounts>([]));
    const dave = { ...waiting, id: 'dave@b.social', username: 'dave' };
    await store.put(waiting);
    await store.put(dave);
    expect(await store.get('dave@b.social')).toEqual(dave);
    expect(await store.get('nobody@b.social')).toBeUndefined();
    await store.put({ ...waiting, state: 'approval' });
    expect(await store.list()).toEqual([dave, { ...waiting, state: 'approval' }]);
    await store.remove('carol@b.social');
    expect(await store.list()).toEqual([dave]);
    await store.remove('nobody@b.social');
    expect(await store.list()).toEqual([dave]);
  });

  it('two changes at once both land', async () => {
    const store = createWaitingStore(memoryValue<WaitingAccounts>([]));
    await Promise.all([store.put(waiting), store.put({ ...waiting, id: 'dave@b.social' })]);
    expect((await store.list()).map((a) => a.id).sort()).toEqual(['carol@b.social', 'dave@b.social']);
  });
});
