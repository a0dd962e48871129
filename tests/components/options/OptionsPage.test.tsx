// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { OptionsPage, type OptionsBackend } from '@/components/options/OptionsPage';
import type { AppState, ConnectStatus, ManualCredentials, RegistrationView, SetAsideNote } from '@/lib/messages';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { alice, bob, closedReg, REDIRECT, socialReg } from './fixtures';
import { waitingAccount } from '../signup/fake';

afterEach(cleanup);

/** A background in memory that changes as the real one does. */
function fakeBackend() {
  const state: AppState = {
    accounts: [alice, bob],
    defaultAccountId: alice.id,
    connect: { state: 'idle' },
    redirectUri: REDIRECT,
    scopes: socialReg.scopes,
    waiting: [waitingAccount(), waitingAccount({ id: 'dave@closed.example', username: 'dave', origin: 'https://closed.example', state: 'approval' })],
  };
  let registrations: RegistrationView[] = [
    { ...socialReg, accountIds: [alice.id, bob.id] },
    closedReg,
  ];
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const listeners = new Set<(status: ConnectStatus) => void>();
  const backend = {
    getState: vi.fn(async () => structuredClone(state)),
    setDefaultAccount: vi.fn(async ({ accountId }: { accountId: string }) => {
      state.defaultAccountId = accountId;
    }),
    refreshAccount: vi.fn(async ({ accountId }: { accountId: string }) => {
      const account = { ...state.accounts.find((a) => a.id === accountId)!, displayName: 'Renamed' };
      state.accounts = state.accounts.map((a) => (a.id === accountId ? account : a));
      return { ok: true as const, account };
    }),
    disconnect: vi.fn(async ({ accountId }: { accountId: string }) => {
      state.accounts = state.accounts.filter((a) => a.id !== accountId);
      if (state.defaultAccountId === accountId) state.defaultAccountId = state.accounts[0]?.id ?? null;
      registrations = registrations.map((r) => ({ ...r, accountIds: r.accountIds.filter((id) => id !== accountId) }));
      return { revoked: true };
    }),
    listRegistrations: vi.fn(async () => structuredClone(registrations)),
    dropRegistration: vi.fn(async ({ key }: { key: string }) => {
      registrations = registrations.filter((r) => r.key !== key);
    }),
    dropAllRegistrations: vi.fn(async () => {
      registrations = [];
    }),
    saveManualRegistration: vi.fn(async (credentials: ManualCredentials) => {
      if (credentials.clientSecret !== 'right') return { ok: false as const, error: { code: 'manual-credentials-rejected' as const, origin: 'https://closed.example' } };
      registrations = [...registrations, { ...closedReg, key: 'manual', manual: true, clientId: credentials.clientId }];
      return { ok: true as const };
    }),
    resendConfirmation: vi.fn(async ({ id }: { id: string; email?: string }) => ({
      ok: true as const,
      waiting: state.waiting.find((a) => a.id === id)!,
    })),
    forgetWaitingAccount: vi.fn(async ({ id }: { id: string }) => {
      state.waiting = state.waiting.filter((a) => a.id !== id);
    }),
    listSetAside: vi.fn(async (): Promise<SetAsideNote[]> => []),
    dismissSetAside: vi.fn(async (_data: { id: string }) => undefined),
    getSettings: vi.fn(async () => settings),
    setSettings: vi.fn(async (next: Settings) => {
      settings = next;
    }),
    onConnectStatusChanged: vi.fn((listener: (status: ConnectStatus) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
  } satisfies OptionsBackend;
  return {
    backend,
    state,
    async broadcast(status: ConnectStatus) {
      await act(async () => listeners.forEach((listener) => listener(status)));
    },
  };
}

async function open(fake = fakeBackend()) {
  render(<OptionsPage backend={fake.backend} />);
  await screen.findByRole('region', { name: 'Accounts' });
  return fake;
}

const accountRow = (handle: string) => screen.getByText(`@${handle}`, { selector: '.account-handle' }).closest('li')!;

const usedBy = (host: string) =>
  screen.getByRole('rowheader', { name: new RegExp(`^${host}`) }).closest('tr')!.querySelectorAll('td')[4]!.textContent;

describe('OptionsPage', () => {
  it('opens with a note naming what had to be set aside', async () => {
    const fake = fakeBackend();
    fake.backend.listSetAside.mockResolvedValue([{ id: 'n', item: 'registrations', whole: false, label: 'https://closed.example', text: null, at: 1 }]);
    render(<OptionsPage backend={fake.backend} />);
    const note = await screen.findByRole('region', { name: "Some saved data couldn't be read" });
    expect(note.textContent).toContain("The saved app registration for https://closed.example couldn't be read and was removed.");
    fireEvent.click(within(note).getByRole('button', { name: /^Dismiss: / }));
    expect(fake.backend.dismissSetAside).toHaveBeenCalledExactlyOnceWith({ id: 'n' });
    expect(screen.queryByRole('region', { name: "Some saved data couldn't be read" })).toBeNull();
  });

  it('shows its sections as named regions (waiting accounts only when there are some)', async () => {
    await open();
    expect(screen.getAllByRole('region').map((r) => r.querySelector('h2')!.textContent)).toEqual([
      'Accounts',
      'Accounts waiting to be activated',
      'App registrations',
      'App credentials made by hand',
      'Defaults',
    ]);
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(5);
  });

  it('says so when it cannot load', async () => {
    const fake = fakeBackend();
    fake.backend.listRegistrations.mockRejectedValue(new Error('Could not establish connection.'));
    render(<OptionsPage backend={fake.backend} />);
    expect((await screen.findByRole('alert')).textContent).toBe("Fedipost's settings couldn't be loaded. Reload this page.");
  });

  it('switches the default account through the background', async () => {
    const fake = await open();
    fireEvent.click(screen.getByRole('radio', { name: /@bob@example\.org/ }));
    await waitFor(() => expect(fake.state.defaultAccountId).toBe(bob.id));
    expect((screen.getByRole('radio', { name: /@bob@example\.org/ }) as HTMLInputElement).checked).toBe(true);
  });

  it('shows a refreshed profile', async () => {
    await open();
    const row = accountRow(bob.id);
    fireEvent.click(within(row).getByRole('button', { name: 'Refresh profile' }));
    expect(await within(row).findByText('Renamed')).toBeTruthy();
  });

  it('after a disconnect, removes the account, moves the focus to the outcome and updates "Used by"', async () => {
    const fake = await open();
    expect(usedBy('example.social')).toBe('@alice@example.social@bob@example.org');
    fireEvent.click(within(accountRow(alice.id)).getByRole('button', { name: 'Disconnect' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect @alice@example.social' }));
    await waitFor(() => expect(screen.queryByText('@alice@example.social', { selector: '.account-handle' })).toBeNull());
    expect(fake.backend.disconnect).toHaveBeenCalledWith({ accountId: alice.id });
    expect(usedBy('example.social')).toBe('@bob@example.org');
    // The background picked the next default.
    expect((screen.getByRole('radio', { name: /@bob@example\.org/ }) as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Disconnected @alice@example.social.'));
  });

  it('removes a dropped registration and, after "Drop all", shows the empty state', async () => {
    const fake = await open();
    fireEvent.click(screen.getByRole('button', { name: 'Drop', description: /^closed\.example/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Drop registration' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /^closed\.example/ })).toBeNull());
    expect(fake.backend.dropRegistration).toHaveBeenCalledWith({ key: closedReg.key });

    fireEvent.click(screen.getByRole('button', { name: 'Drop all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Drop all registrations' }));
    expect(await screen.findByText(/No app registrations yet/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('keeps a drop done even when re-reading the lists fails', async () => {
    const fake = await open();
    fake.backend.listRegistrations.mockRejectedValue(new Error('gone'));
    fireEvent.click(screen.getByRole('button', { name: 'Drop', description: /^closed\.example/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Drop registration' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /^closed\.example/ })).toBeNull());
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual(['', '', '']);
  });

  it('shows an account connected meanwhile in the popup', async () => {
    const fake = await open();
    const carol = { ...alice, id: 'carol@example.social', username: 'carol', displayName: 'Carol' };
    fake.state.accounts.push(carol);
    await fake.broadcast({ state: 'running', phase: 'verifying', input: 'example.social' });
    expect(screen.queryByText('@carol@example.social')).toBeNull();
    await fake.broadcast({ state: 'done', accountId: carol.id });
    // Listed with the accounts (and offered for the default group of the defaults).
    const accounts = screen.getByRole('region', { name: 'Accounts' });
    expect(await within(accounts).findByText('@carol@example.social')).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Also post as, by default' })).getByRole('checkbox', { name: '@carol@example.social' })).toBeTruthy();
  });

  it('stores app credentials made by hand, telling a rejection from a success', async () => {
    const fake = await open();
    const instance = screen.getByRole('textbox', { name: 'Instance for these credentials' });
    fireEvent.input(instance, { target: { value: 'http://closed.example' } });
    expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes('https://'))).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save and connect' })).toBeNull();

    fireEvent.input(instance, { target: { value: 'closed.example' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Client key' }), { target: { value: 'key1' } });
    fireEvent.input(screen.getByLabelText('Client secret'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and connect' }));
    await waitFor(() =>
      expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes("didn't accept that client key and secret"))).toBe(true),
    );

    fireEvent.input(screen.getByLabelText('Client secret'), { target: { value: 'right' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and connect' }));
    expect(await screen.findByText('Saved. The next connect to closed.example uses these credentials.')).toBeTruthy();
    expect(fake.backend.saveManualRegistration).toHaveBeenLastCalledWith({ input: 'closed.example', clientId: 'key1', clientSecret: 'right' });
    await waitFor(() => expect(fake.backend.listRegistrations).toHaveBeenCalledTimes(2));
  });

  it('saves settings through the backend', async () => {
    const fake = await open();
    fireEvent.change(screen.getByRole('combobox', { name: 'Default visibility' }), { target: { value: 'private' } });
    await waitFor(() => expect(screen.getByText('Saved')).toBeTruthy());
    expect(fake.backend.setSettings).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, defaultVisibility: 'private' });
  });

  it('stops listening when closed', async () => {
    const fake = await open();
    expect(fake.backend.getState).toHaveBeenCalledTimes(1);
    // Preact runs the effect clean-ups of an unmounted tree after paint; act flushes them.
    act(() => cleanup());
    await fake.broadcast({ state: 'done', accountId: 'x@y' });
    expect(fake.backend.getState).toHaveBeenCalledTimes(1);
  });
});

describe('waiting accounts', () => {
  it('lists each with what it waits for; Resend sends the email again; Forget asks, then drops it', async () => {
    const fake = await open();
    const section = await screen.findByRole('region', { name: 'Accounts waiting to be activated' });
    expect(section.textContent).toContain('@carol@social.example');
    expect(section.textContent).toContain('Waiting for you to confirm the email sent to carol@example.com.');
    expect(section.textContent).toContain('Waiting for the staff of closed.example to approve it.');
    // Only an unconfirmed email can be sent again.
    expect(within(section).queryByRole('button', { name: 'Resend the email for @dave@closed.example' })).toBeNull();

    fireEvent.click(within(section).getByRole('button', { name: 'Resend the email for @carol@social.example' }));
    expect(await within(section).findByRole('status')).toHaveProperty('textContent', 'Sent again to carol@example.com.');
    expect(fake.backend.resendConfirmation).toHaveBeenCalledWith({ id: 'carol@social.example' });

    fireEvent.click(within(section).getByRole('button', { name: 'Forget @dave@closed.example' }));
    expect(fake.backend.forgetWaitingAccount).not.toHaveBeenCalled();
    fireEvent.click(within(section).getByRole('button', { name: 'Forget' }));
    await waitFor(() => expect(section.textContent).not.toContain('@dave@closed.example'));
    expect(fake.backend.forgetWaitingAccount).toHaveBeenCalledWith({ id: 'dave@closed.example' });
  });

  it('no section without waiting accounts', async () => {
    const fake = fakeBackend();
    fake.state.waiting = [];
    await open(fake);
    expect(screen.queryByRole('region', { name: 'Accounts waiting to be activated' })).toBeNull();
  });
});
