// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { AccountList } from '@/components/AccountList';
import type { AccountView } from '@/lib/messages';

afterEach(cleanup);

function account(overrides: Partial<AccountView>): AccountView {
  return {
    id: 'alice@example.social',
    username: 'alice',
    displayName: 'Alice',
    avatar: 'https://example.social/avatars/alice.png',
    origin: 'https://example.social',
    scopes: ['read:accounts', 'write:statuses'],
    defaults: { visibility: 'public', language: null, sensitive: false },
    ...overrides,
  };
}

const alice = account({});
const bob = account({
  id: 'bob@example.org',
  username: 'bob',
  displayName: '',
  avatar: 'https://social.example.org/avatars/bob.png',
  origin: 'https://social.example.org',
});

describe('AccountList', () => {
  it('lists each account with its name, @user@host handle and instance host', () => {
    render(<AccountList accounts={[alice, bob]} defaultAccountId={null} />);
    const list = screen.getByRole('list', { name: 'Connected accounts' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(first!.textContent).toContain('Alice');
    expect(within(first!).getByText('@alice@example.social')).toBeTruthy();
    expect(within(first!).getByText('example.social')).toBeTruthy();
    // The handle's domain and the instance's host may differ (WebFinger delegation).
    expect(within(second!).getByText('@bob@example.org')).toBeTruthy();
    expect(within(second!).getByText('social.example.org')).toBeTruthy();
  });

  it('falls back to the username when the display name is empty', () => {
    render(<AccountList accounts={[bob]} defaultAccountId={null} />);
    expect(screen.getByRole('listitem').querySelector('.account-name')?.textContent).toBe('bob');
  });

  it('shows avatars as decorative images', () => {
    render(<AccountList accounts={[alice]} defaultAccountId={null} />);
    const img = screen.getByRole('listitem').querySelector('img')!;
    expect(img.getAttribute('alt')).toBe('');
    expect(img.getAttribute('src')).toBe(alice.avatar);
  });

  it('marks the default account, and only it', () => {
    render(<AccountList accounts={[alice, bob]} defaultAccountId="bob@example.org" />);
    const [first, second] = screen.getAllByRole('listitem');
    expect(within(second!).getByText('Default')).toBeTruthy();
    expect(within(first!).queryByText('Default')).toBeNull();
  });
});
