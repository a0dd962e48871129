// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { AccountsSection, type AccountsSectionProps, type RefreshResult } from '@/components/options/AccountsSection';
import { deferred } from '../../helpers/deferred';
import { alice, bob } from './fixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup(overrides: Partial<AccountsSectionProps> = {}) {
  const props = {
    accounts: [alice, bob],
    defaultAccountId: alice.id,
    onSetDefault: vi.fn(async (_id: string) => {}),
    onRefresh: vi.fn(async (_id: string): Promise<RefreshResult> => ({ ok: true, account: alice })),
    onDisconnect: vi.fn(async (_id: string) => ({ revoked: true })),
    ...overrides,
  } satisfies AccountsSectionProps;
  render(<AccountsSection {...props} />);
  return props;
}

const row = (handle: string) => screen.getByText(`@${handle}`).closest('li')!;

describe('AccountsSection', () => {
  it('shows each account in the "Default account" group, the default checked', () => {
    setup();
    expect(screen.getByRole('region', { name: 'Accounts' })).toBeTruthy();
    const group = screen.getByRole('group', { name: 'Default account' });
    const aliceRadio = within(group).getByRole('radio', { name: /@alice@example\.social/ }) as HTMLInputElement;
    const bobRadio = within(group).getByRole('radio', { name: /@bob@example\.org/ }) as HTMLInputElement;
    expect(aliceRadio.checked).toBe(true);
    expect(bobRadio.checked).toBe(false);
    // Name, handle and instance host; the username stands in for an empty display name.
    expect(within(row(alice.id)).getByText('Alice')).toBeTruthy();
    expect(within(row(alice.id)).getByText('example.social')).toBeTruthy();
    expect(within(row(bob.id)).getByText('bob')).toBeTruthy();
    expect(within(row(bob.id)).getByText('social.example.org')).toBeTruthy();
    expect(row(alice.id).querySelector('img')!.getAttribute('alt')).toBe('');
  });

  it('says how to connect when there is no account', () => {
    setup({ accounts: [], defaultAccountId: null });
    expect(screen.getByText(/No account is connected yet/)).toBeTruthy();
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('makes another account the default', async () => {
    const props = setup();
    fireEvent.click(screen.getByRole('radio', { name: /@bob@example\.org/ }));
    expect(props.onSetDefault).toHaveBeenCalledWith(bob.id);
    expect(await screen.findByText('@bob@example.org is now the default account.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('@bob@example.org is now the default account.');
  });

  it('goes back to the stored default when switching fails', async () => {
    setup({ onSetDefault: vi.fn(async () => Promise.reject(new Error('no receiver'))) });
    const bobRadio = screen.getByRole('radio', { name: /@bob@example\.org/ }) as HTMLInputElement;
    fireEvent.click(bobRadio);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe("Couldn't make @bob@example.org the default account. Try again.");
    expect((screen.getByRole('radio', { name: /@alice@example\.social/ }) as HTMLInputElement).checked).toBe(true);
    expect(bobRadio.checked).toBe(false);
  });

  it('refreshes a profile, telling the buttons apart by handle', async () => {
    const pending = deferred<RefreshResult>();
    const props = setup({ onRefresh: vi.fn(() => pending.promise) });
    const button = within(row(bob.id)).getByRole('button', { name: 'Refresh profile', description: '@bob@example.org' });
    fireEvent.click(button);
    expect(props.onRefresh).toHaveBeenCalledWith(bob.id);
    expect(button.textContent).toBe('Refreshing…');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(props.onRefresh).toHaveBeenCalledTimes(1);
    pending.resolve({ ok: true, account: bob });
    expect(await screen.findByText('Refreshed the profile of @bob@example.org.')).toBeTruthy();
    expect(button.textContent).toBe('Refresh profile');
  });

  it.each<[string, RefreshResult, string]>([
    [
      'a revoked token',
      { ok: false, error: { code: 'unauthorized' } },
      "example.social no longer accepts Fedipost's access for @alice@example.social. Disconnect the account, then connect it again.",
    ],
    ['an unreachable server', { ok: false, error: { code: 'unreachable' } }, "Can't reach example.social. Check your connection and try again."],
    ['a rate limit', { ok: false, error: { code: 'rate-limited' } }, 'example.social is limiting requests for now. Try again in a few minutes.'],
    ['any other failure', { ok: false, error: { code: 'failed' } }, "Couldn't refresh the profile of @alice@example.social. Try again later."],
  ])('explains a failed refresh: %s', async (_, result, message) => {
    setup({ onRefresh: vi.fn(async () => result) });
    fireEvent.click(within(row(alice.id)).getByRole('button', { name: 'Refresh profile' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(message));
  });

  it('asks in place before disconnecting; Cancel and Escape leave the account alone', async () => {
    const confirmSpy = vi.fn(() => true);
    vi.stubGlobal('confirm', confirmSpy);
    const props = setup();
    const disconnect = within(row(bob.id)).getByRole('button', { name: 'Disconnect', description: '@bob@example.org' });
    fireEvent.click(disconnect);
    const question = screen.getByRole('group', { name: /Disconnect @bob@example\.org\?/ });
    expect(question.textContent).toContain('Fedipost asks social.example.org to revoke its access');
    expect(disconnect.getAttribute('aria-expanded')).toBe('true');
    // The harmless choice has the focus.
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /Disconnect/ })).toBeNull();
    expect(document.activeElement).toBe(disconnect);

    fireEvent.click(disconnect);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    expect(screen.queryByRole('group', { name: /Disconnect/ })).toBeNull();
    expect(props.onDisconnect).not.toHaveBeenCalled();
    expect(confirmSpy).not.toHaveBeenCalled();
  });

  it('disconnects after confirmation and says so', async () => {
    const props = setup();
    fireEvent.click(within(row(bob.id)).getByRole('button', { name: 'Disconnect' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect @bob@example.org' }));
    expect(props.onDisconnect).toHaveBeenCalledWith(bob.id);
    expect(await screen.findByText('Disconnected @bob@example.org.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Disconnected @bob@example.org.');
  });

  it('tells how to revoke by hand when the server could not be told', async () => {
    setup({ onDisconnect: vi.fn(async () => ({ revoked: false })) });
    fireEvent.click(within(row(bob.id)).getByRole('button', { name: 'Disconnect' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect @bob@example.org' }));
    const alert = await screen.findByText(/Forgotten here, but social\.example\.org could not be told/);
    const link = within(alert).getByRole('link', { name: 'Authorized apps on social.example.org' });
    // The instance's own page, not the handle's domain.
    expect(link.getAttribute('href')).toBe('https://social.example.org/oauth/authorized_applications');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(screen.getByRole('alert').contains(alert)).toBe(true);
  });

  it('keeps the question when disconnecting failed, so confirming again retries', async () => {
    const props = setup({ onDisconnect: vi.fn(async () => Promise.reject(new Error('no receiver'))) });
    fireEvent.click(within(row(alice.id)).getByRole('button', { name: 'Disconnect' }));
    const confirm = screen.getByRole('button', { name: 'Disconnect @alice@example.social' });
    fireEvent.click(confirm);
    expect(confirm.textContent).toBe('Disconnecting…');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe("Couldn't disconnect @alice@example.social. Try again."));
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect @alice@example.social' }));
    expect(props.onDisconnect).toHaveBeenCalledTimes(2);
  });
});
