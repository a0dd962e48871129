// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { Popup, type PopupBackend } from '@/components/Popup';
import { RecentPosts } from '@/components/RecentPosts';
import type { AppState, ComposerState, ConnectStatus, DraftId, SetAsideNote, UnfinishedShare } from '@/lib/messages';
import { TEST_REDIRECT_URL } from '../setup';
import { alice, bob, fakeComposer } from './composer/fake';
import { fakeSignUp, openInfo, waitingAccount } from './signup/fake';
import { pressEnter } from './keyboard';
import { deferred } from '../helpers/deferred';
import { fakeRecentPosts, recentPost } from './recent-posts-fake';

afterEach(cleanup);

/**
 * A background in memory: `state` is what getState answers (tests change it as the
 * real background would), `broadcast` plays a connectStatusChanged message, and each
 * connect request stays pending until the test settles it. The composer's requests go
 * to `composer`, a fake composer service.
 */
function fakeBackend(initial: Partial<AppState> = {}, signUp = fakeSignUp()) {
  const state: AppState = {
    accounts: [],
    defaultAccountId: null,
    connect: { state: 'idle' },
    redirectUri: TEST_REDIRECT_URL,
    scopes: 'read:accounts write:statuses write:media',
    waiting: [],
    ...initial,
  };
  const listeners = new Set<(status: ConnectStatus) => void>();
  let pending = deferred<ConnectStatus>();
  const composer = fakeComposer();
  const backend = {
    ...composer.backend,
    ...signUp.backend,
    ...fakeRecentPosts(),
    getState: vi.fn(async () => structuredClone(state)),
    connect: vi.fn((_data: { input: string }) => pending.promise),
    connectWithManualCredentials: vi.fn((_credentials: { input: string; clientId: string; clientSecret: string }) => pending.promise),
    dismissConnectStatus: vi.fn(async () => {
      state.connect = { state: 'idle' };
    }),
    onConnectStatusChanged: vi.fn((listener: (status: ConnectStatus) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    listUnfinishedShares: vi.fn(async (): Promise<UnfinishedShare[]> => []),
    openShareDraft: vi.fn(async (_data: { draftId: DraftId }) => undefined),
    discardShareDraft: vi.fn(async (_data: { draftId: DraftId }) => undefined),
    listSetAside: vi.fn(async (): Promise<SetAsideNote[]> => []),
    dismissSetAside: vi.fn(async (_data: { id: string }) => undefined),
  } satisfies PopupBackend;
  return {
    backend,
    state,
    composer,
    signUp,
    listeners,
    /** The background records the status and tells every open surface. */
    async broadcast(status: ConnectStatus) {
      state.connect = status;
      await act(async () => listeners.forEach((listener) => listener(status)));
    },
    /** The pending connect request answers with its final status. */
    async finish(status: ConnectStatus) {
      state.connect = status;
      await act(async () => pending.resolve(status));
      pending = deferred();
    },
    async crash() {
      await act(async () => pending.reject(new Error('Could not establish connection. Receiving end does not exist.')));
      pending = deferred();
    },
  };
}

const instanceField = () => screen.getByRole('textbox', { name: 'Instance' }) as HTMLInputElement;
const findInstanceField = async () => (await screen.findByRole('textbox', { name: 'Instance' })) as HTMLInputElement;

async function typeAndConnect(text: string) {
  const field = await findInstanceField();
  fireEvent.input(field, { target: { value: text } });
  pressEnter(field);
}

describe('Popup', () => {
  it('loads the state and, with no accounts, offers the connect form with the field focused', async () => {
    const fake = fakeBackend();
    render(<Popup backend={fake.backend} />);
    const field = await findInstanceField();
    expect(document.activeElement).toBe(field);
    expect(screen.getByRole('heading', { name: 'Connect your account' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(fake.backend.getState).toHaveBeenCalledOnce();
    expect(fake.listeners.size).toBe(1);
  });

  it('shows each phase while connecting, then the new account once done', async () => {
    const fake = fakeBackend();
    render(<Popup backend={fake.backend} />);
    await typeAndConnect(' example.social ');
    expect(fake.backend.connect).toHaveBeenCalledExactlyOnceWith({ input: 'example.social' });
    // At once, before the background's first message arrives.
    expect(screen.getByRole('status').textContent).toBe('Checking the server…');
    expect(instanceField().disabled).toBe(true);
    expect(instanceField().value).toBe('example.social');

    const running = { state: 'running', input: 'example.social', origin: 'https://example.social' } as const;
    await fake.broadcast({ ...running, phase: 'registering' });
    expect(screen.getByRole('status').textContent).toBe('Registering Fedipost with the server…');
    await fake.broadcast({ ...running, phase: 'authorizing' });
    expect(screen.getByRole('status').textContent).toContain('Waiting for you to sign in…');
    await fake.broadcast({ ...running, phase: 'verifying' });
    expect(screen.getByRole('status').textContent).toBe('Verifying your account…');

    fake.state.accounts = [alice];
    fake.state.defaultAccountId = alice.id;
    await fake.broadcast({ state: 'done', accountId: alice.id });
    await fake.finish({ state: 'done', accountId: alice.id });

    // With an account, the popup is the composer.
    expect(await screen.findByRole('textbox', { name: 'Post text' })).toBeTruthy();
    expect(screen.getByText('Posting as @alice@example.social')).toBeTruthy();
    expect(screen.getByText('Connected @alice@example.social.').getAttribute('role')).toBe('status');
    expect(screen.queryByRole('textbox', { name: 'Instance' })).toBeNull();
    expect(fake.backend.dismissConnectStatus).not.toHaveBeenCalled();
  });

  it('on failure shows the specific error, keeps the input, focuses it, and retries', async () => {
    const fake = fakeBackend();
    render(<Popup backend={fake.backend} />);
    await typeAndConnect('exmaple.social');
    await fake.finish({
      state: 'failed',
      input: 'exmaple.social',
      error: { code: 'unreachable', origin: 'https://exmaple.social' },
    });

    // Found: the error's sentences load with the first failure (docs/architecture.md).
    expect((await screen.findByRole('alert')).textContent).toBe("Can't reach exmaple.social. Check the address and your connection.");
    expect(instanceField().value).toBe('exmaple.social');
    expect(instanceField().disabled).toBe(false);
    expect(document.activeElement).toBe(instanceField());
    expect(screen.getByRole('status').textContent).toBe('');

    // An edit not submitted does not change what "Try again" retries, and the field says so.
    fireEvent.input(instanceField(), { target: { value: 'exmaple.soc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(fake.backend.connect).toHaveBeenLastCalledWith({ input: 'exmaple.social' });
    expect(instanceField().value).toBe('exmaple.social');
    expect(screen.getByRole('status').textContent).toBe('Checking the server…');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('connects to a corrected address after a failure', async () => {
    const fake = fakeBackend();
    render(<Popup backend={fake.backend} />);
    await typeAndConnect('exmaple.social');
    await fake.finish({ state: 'failed', input: 'exmaple.social', error: { code: 'not-mastodon', origin: 'https://exmaple.social' } });
    fireEvent.input(instanceField(), { target: { value: 'example.social' } });
    pressEnter(instanceField());
    expect(fake.backend.connect).toHaveBeenLastCalledWith({ input: 'example.social' });
    expect(instanceField().value).toBe('example.social');
  });

  it('offers no retry when the address itself is wrong', async () => {
    const fake = fakeBackend();
    render(<Popup backend={fake.backend} />);
    await typeAndConnect('http://example.social');
    await fake.finish({ state: 'failed', input: 'http://example.social', error: { code: 'invalid-input', detail: 'insecure' } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Fedipost only connects over https:// (plain http:// is allowed only for this computer).',
    );
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(instanceField().value).toBe('http://example.social');
  });

  it('when registration is refused, connects with app credentials made by hand, trimmed', async () => {
    const fake = fakeBackend();
    render(<Popup backend={fake.backend} />);
    await typeAndConnect('closed.example');
    await fake.finish({
      state: 'failed',
      input: 'closed.example',
      error: { code: 'registration-refused', origin: 'https://closed.example', status: 403, detail: 'Forbidden' },
    });
    expect((await screen.findByRole('alert')).textContent).toContain('closed.example refused to register Fedipost (HTTP 403: “Forbidden”)');
    expect(((await screen.findByRole('textbox', { name: 'Redirect URI' })) as HTMLInputElement).value).toBe(TEST_REDIRECT_URL);
    expect((screen.getByRole('textbox', { name: 'Scopes' }) as HTMLInputElement).value).toBe('read:accounts write:statuses write:media');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();

    fireEvent.input(screen.getByRole('textbox', { name: 'Client key' }), { target: { value: ' key123 ' } });
    fireEvent.input(screen.getByLabelText('Client secret'), { target: { value: 'secret456\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and connect' }));
    expect(fake.backend.connectWithManualCredentials).toHaveBeenCalledExactlyOnceWith({
      input: 'closed.example',
      clientId: 'key123',
      clientSecret: 'secret456',
    });
    expect(fake.backend.connect).toHaveBeenCalledOnce();
    expect(screen.getByRole('status').textContent).toBe('Checking the server…');

    // The background checks the credentials before any sign-in window: a rejection comes
    // back while the popup is open, and what was typed is still there to fix.
    expect((screen.getByRole('button', { name: 'Save and connect' }) as HTMLButtonElement).disabled).toBe(true);
    await fake.finish({
      state: 'failed',
      input: 'closed.example',
      error: { code: 'manual-credentials-rejected', origin: 'https://closed.example' },
    });
    expect(screen.getByRole('alert').textContent).toContain("closed.example didn't accept that client key and secret");
    expect((screen.getByRole('textbox', { name: 'Client key' }) as HTMLInputElement).value).toBe(' key123 ');
    expect((screen.getByRole('button', { name: 'Save and connect' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('asks for the scopes this instance understands when it lacks granular ones', async () => {
    const fake = fakeBackend({
      connect: {
        state: 'failed',
        input: 'old.example',
        error: { code: 'registration-refused', origin: 'https://old.example', status: 503, scopes: 'read write' },
      },
    });
    render(<Popup backend={fake.backend} />);
    expect(((await screen.findByRole('textbox', { name: 'Scopes' })) as HTMLInputElement).value).toBe('read write');
  });

  it('drops the manual form when a plain connect is started instead', async () => {
    const fake = fakeBackend({
      connect: { state: 'failed', input: 'closed.example', error: { code: 'registration-refused', origin: 'https://closed.example' } },
    });
    render(<Popup backend={fake.backend} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(screen.queryByRole('button', { name: 'Save and connect' })).toBeNull();
  });

  it('shows a failed outcome recorded while the popup was closed, with what was typed', async () => {
    const fake = fakeBackend({
      connect: { state: 'failed', input: '@alice@example.social', error: { code: 'cancelled', origin: 'https://example.social' } },
    });
    render(<Popup backend={fake.backend} />);
    expect((await screen.findByRole('alert')).textContent).toBe('Sign-in was cancelled.');
    expect(instanceField().value).toBe('@alice@example.social');
    expect(document.activeElement).toBe(instanceField());
    expect(fake.backend.dismissConnectStatus).not.toHaveBeenCalled();
  });

  it('shows a connect still running when reopened', async () => {
    const fake = fakeBackend({
      connect: { state: 'running', phase: 'authorizing', input: 'example.social', origin: 'https://example.social' },
    });
    render(<Popup backend={fake.backend} />);
    expect((await screen.findByRole('status')).textContent).toContain('Waiting for you to sign in…');
    expect(instanceField().value).toBe('example.social');
    expect(instanceField().disabled).toBe(true);
  });

  it('follows a connect started from another surface', async () => {
    const fake = fakeBackend();
    render(<Popup backend={fake.backend} />);
    await findInstanceField();
    await fake.broadcast({ state: 'running', phase: 'checking', input: 'other.example' });
    expect(instanceField().value).toBe('other.example');
    expect(instanceField().disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Checking the server…');
  });

  it('shows a success recorded while the popup was closed until the person dismisses it', async () => {
    const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id, connect: { state: 'done', accountId: alice.id } });
    render(<Popup backend={fake.backend} />);
    expect((await screen.findByText('Connected @alice@example.social.')).getAttribute('role')).toBe('status');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(fake.backend.dismissConnectStatus).toHaveBeenCalledOnce();
    expect(screen.queryByText('Connected @alice@example.social.')).toBeNull();
    expect(await screen.findByText('Posting as @alice@example.social')).toBeTruthy();
  });

  it('with accounts, the composer is the main view; "Add account" reveals the connect form, with a way back', async () => {
    const fake = fakeBackend({ accounts: [alice, bob], defaultAccountId: bob.id });
    render(<Popup backend={fake.backend} />);
    const picker = (await screen.findByRole('combobox', { name: 'Account' })) as HTMLSelectElement;
    expect([...picker.options].map((option) => option.textContent)).toEqual(['@alice@example.social', '@bob@other.example']);
    expect(await screen.findByRole('textbox', { name: 'Post text' })).toBeTruthy();
    expect(fake.backend.getComposer).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup' });
    expect(screen.queryByRole('textbox', { name: 'Instance' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect(screen.getByRole('heading', { name: 'Add an account' })).toBeTruthy();
    expect(document.activeElement).toBe(instanceField());
    expect(fake.backend.dismissConnectStatus).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('textbox', { name: 'Instance' })).toBeNull();
    expect(await screen.findByRole('textbox', { name: 'Post text' })).toBeTruthy();
  });

  it('goes back to the composer, with the new account to pick, when an added account is connected', async () => {
    const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
    render(<Popup backend={fake.backend} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
    await typeAndConnect('other.example');
    fake.state.accounts = [alice, bob];
    await fake.finish({ state: 'done', accountId: bob.id });
    const picker = (await screen.findByRole('combobox', { name: 'Account' })) as HTMLSelectElement;
    expect([...picker.options].map((option) => option.textContent)).toContain('@bob@other.example');
    expect(screen.getByText('Connected @bob@other.example.').getAttribute('role')).toBe('status');
    expect(screen.queryByRole('textbox', { name: 'Instance' })).toBeNull();
  });

  it('edits the draft it is given: a share window has its own', async () => {
    const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
    fake.composer.drafts['share-42'] = { ...fake.composer.stored('popup'), text: 'Shared: https://example.com/article' };
    render(<Popup backend={fake.backend} draftId="share-42" />);
    const text = (await screen.findByRole('textbox', { name: 'Post text' })) as HTMLTextAreaElement;
    await waitFor(() => expect(text.value).toBe('Shared: https://example.com/article'));
    expect(fake.backend.getComposer).toHaveBeenCalledExactlyOnceWith({ draftId: 'share-42' });
  });

  it('holds "Try again" back until a rate-limited server says it may be asked again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const retryAt = new Date(Date.now() + 60_000).toISOString();
      const fake = fakeBackend({
        connect: { state: 'failed', input: 'busy.example', error: { code: 'rate-limited', origin: 'https://busy.example', status: 429, retryAt } },
      });
      render(<Popup backend={fake.backend} />);
      const retry = (await screen.findByRole('button', { name: 'Try again' })) as HTMLButtonElement;
      expect(retry.disabled).toBe(true);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(61_000);
      });
      expect((screen.getByRole('button', { name: 'Try again' }) as HTMLButtonElement).disabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('offers "Try again" at once when the rate limit has already reset', async () => {
    const retryAt = new Date(Date.now() - 1000).toISOString();
    const fake = fakeBackend({
      connect: { state: 'failed', input: 'busy.example', error: { code: 'rate-limited', origin: 'https://busy.example', retryAt } },
    });
    render(<Popup backend={fake.backend} />);
    expect(((await screen.findByRole('button', { name: 'Try again' })) as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers to reopen shared posts whose window was closed before posting', async () => {
    const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
    fake.backend.listUnfinishedShares.mockResolvedValue([
      { draftId: 'share-1', preview: 'Half a thought about this article', mediaCount: 0, updatedAt: 2 },
      { draftId: 'share-2', preview: '', mediaCount: 2, updatedAt: 1 },
    ]);
    render(<Popup backend={fake.backend} />);
    const region = await screen.findByRole('region', { name: 'Unfinished shared posts' });
    expect(region.textContent).toContain('Half a thought about this article');
    expect(region.textContent).toContain('2 attachment(s), no text');
    fireEvent.click(screen.getByRole('button', { name: 'Open the unfinished post “Half a thought about this article”' }));
    expect(fake.backend.openShareDraft).toHaveBeenCalledExactlyOnceWith({ draftId: 'share-1' });
    // The composer is still the popup's own (loaded lazily, so it may come after the list).
    expect(await screen.findByRole('textbox', { name: 'Post text' })).toBeTruthy();
  });

  it('discards an unfinished shared post after asking, and keeps it on Cancel', async () => {
    const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
    fake.backend.listUnfinishedShares.mockResolvedValue([
      { draftId: 'share-1', preview: 'Not worth posting', mediaCount: 1, updatedAt: 2 },
      { draftId: 'share-2', preview: 'Keep this one', mediaCount: 0, updatedAt: 1 },
    ]);
    render(<Popup backend={fake.backend} />);
    const region = await screen.findByRole('region', { name: 'Unfinished shared posts' });
    fireEvent.click(screen.getByRole('button', { name: 'Discard the unfinished post “Not worth posting”' }));
    expect(region.textContent).toContain('Discard “Not worth posting”? Its text and attachments are deleted.');
    // Cancel first: nothing happens, the question goes.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.backend.discardShareDraft).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Discard the unfinished post “Not worth posting”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Discard post' }));
    expect(fake.backend.discardShareDraft).toHaveBeenCalledExactlyOnceWith({ draftId: 'share-1' });
    await waitFor(() => expect(region.textContent).not.toContain('Not worth posting'));
    expect(region.textContent).toContain('Keep this one');
  });

  it('opens with a note when stored data had to be set aside, in the toolbar popup and a share window', async () => {
    for (const draftId of ['popup', 'share-7'] as const) {
      const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
      fake.backend.listSetAside.mockResolvedValue([{ id: 'n', item: 'drafts', whole: false, label: draftId, text: 'Rescued words', at: 1 }]);
      render(<Popup backend={fake.backend} draftId={draftId} />);
      const note = await screen.findByRole('region', { name: "Some saved data couldn't be read" });
      expect((within(note).getByRole('textbox', { name: 'Recovered words' }) as HTMLTextAreaElement).value).toBe('Rescued words');
      // The composer is loaded on demand: it follows the note, beside it.
      expect(await screen.findByRole('textbox', { name: 'Post text' })).toBeTruthy();
      cleanup();
    }
  });

  it('opens as always when the background cannot list set-aside notes or unfinished shares', async () => {
    const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
    fake.backend.listSetAside.mockRejectedValue(new Error('Receiving end does not exist.'));
    fake.backend.listUnfinishedShares.mockRejectedValue(new Error('Receiving end does not exist.'));
    render(<Popup backend={fake.backend} />);
    expect(await screen.findByRole('textbox', { name: 'Post text' })).toBeTruthy();
    await waitFor(() => expect(fake.backend.listUnfinishedShares).toHaveBeenCalled());
    expect(screen.queryByRole('region')).toBeNull();
  });

  it('opens with the connect form and a note when the accounts had to be set aside', async () => {
    const fake = fakeBackend();
    fake.backend.listSetAside.mockResolvedValue([{ id: 'n', item: 'accounts', whole: true, label: null, text: null, at: 1 }]);
    render(<Popup backend={fake.backend} />);
    expect((await screen.findByRole('region', { name: "Some saved data couldn't be read" })).textContent).toContain(
      "Your connected accounts couldn't be read and were removed.",
    );
    expect(screen.getByRole('textbox', { name: 'Instance' })).toBeTruthy();
  });

  it('draws what it is given under the composer (the last posts, folded), read again after each post', async () => {
    const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
    fake.backend.listRecentPosts.mockResolvedValue([recentPost({ text: 'Earlier today' })]);
    fake.composer.drafts.popup = { ...fake.composer.stored('popup'), text: 'Now' };
    render(<Popup backend={fake.backend} belowComposer={(version) => <RecentPosts backend={fake.backend} draftId="popup" version={version} />} />);
    const region = await screen.findByRole('region', { name: 'Your last posts' });
    // Folded: the popup stays short until the person opens the list.
    expect(region.textContent).not.toContain('Earlier today');
    fireEvent.click(within(region).getByRole('button', { name: 'Your last posts', expanded: false }));
    await waitFor(() => expect(region.textContent).toContain('Earlier today'));
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Post text' }) as HTMLTextAreaElement).value).toBe('Now'));
    fireEvent.click(screen.getByRole('button', { name: 'Post' }));
    await waitFor(() => expect(fake.backend.listRecentPosts).toHaveBeenCalledTimes(2));
  });

  it('does not list unfinished shares inside a share window', async () => {
    const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
    render(<Popup backend={fake.backend} draftId="share-42" />);
    await screen.findByRole('textbox', { name: 'Post text' });
    expect(fake.backend.listUnfinishedShares).not.toHaveBeenCalled();
  });

  it('reconnects an account whose session ended, then shows the same draft again', async () => {
    const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
    fake.composer.drafts.popup = { ...fake.composer.stored('popup'), text: 'Not lost' };
    fake.backend.post.mockResolvedValueOnce({ ok: false, error: { code: 'unauthorized', accountId: alice.id } });
    render(<Popup backend={fake.backend} />);
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Post text' }) as HTMLTextAreaElement).value).toBe('Not lost'));
    fireEvent.click(screen.getByRole('button', { name: 'Post' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Reconnect @alice@example.social' }));

    expect(fake.backend.connect).toHaveBeenCalledExactlyOnceWith({ input: '@alice@example.social' });
    expect(screen.getByRole('heading', { name: 'Reconnect your account' })).toBeTruthy();
    expect(instanceField().value).toBe('@alice@example.social');
    expect(screen.getByRole('status').textContent).toBe('Checking the server…');

    await fake.finish({ state: 'done', accountId: alice.id });
    const text = (await screen.findByRole('textbox', { name: 'Post text' })) as HTMLTextAreaElement;
    await waitFor(() => expect(text.value).toBe('Not lost'));
    expect(screen.getByText('Connected @alice@example.social.')).toBeTruthy();
  });

  it('"Add account" after a success also dismisses it', async () => {
    const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id, connect: { state: 'done', accountId: alice.id } });
    render(<Popup backend={fake.backend} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
    expect(fake.backend.dismissConnectStatus).toHaveBeenCalledOnce();
    expect(instanceField().value).toBe('');
  });

  it('hides Cancel while a connect runs and, after a failure, Cancel dismisses it', async () => {
    const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
    render(<Popup backend={fake.backend} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
    await typeAndConnect('busy.example');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await fake.finish({ state: 'failed', input: 'busy.example', error: { code: 'busy' } });
    expect(screen.getByRole('alert').textContent).toBe('Another sign-in is already in progress.');

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.backend.dismissConnectStatus).toHaveBeenCalledOnce();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Add account' })).toBeTruthy();
  });

  it('treats a connect request left without answer as an interrupted sign-in', async () => {
    const fake = fakeBackend();
    render(<Popup backend={fake.backend} />);
    await typeAndConnect('example.social');
    await fake.crash();
    expect(screen.getByRole('alert').textContent).toBe('Sign-in was interrupted. Please try again.');
    expect(instanceField().value).toBe('example.social');
  });

  it('says so when the background does not answer at all', async () => {
    const fake = fakeBackend();
    fake.backend.getState.mockRejectedValueOnce(new Error('Receiving end does not exist.'));
    render(<Popup backend={fake.backend} />);
    expect((await screen.findByRole('alert')).textContent).toBe("Fedipost couldn't start. Close this popup and open it again.");
  });

  it('stops listening when closed', async () => {
    const fake = fakeBackend();
    const { unmount } = render(<Popup backend={fake.backend} />);
    await waitFor(() => expect(fake.listeners.size).toBe(1));
    // Preact 11 runs effect cleanups in its own flush, which act() drives.
    act(() => {
      unmount();
    });
    expect(fake.listeners.size).toBe(0);
  });

  describe('creating an account', () => {
    it('"Create an account" next to Connect takes what was typed to the sign-up view', async () => {
      const fake = fakeBackend();
      render(<Popup backend={fake.backend} />);
      fireEvent.input(await findInstanceField(), { target: { value: 'social.example' } });
      fireEvent.click(screen.getByRole('button', { name: 'Create an account' }));
      expect(await screen.findByRole('heading', { name: 'Create an account' })).toBeTruthy();
      expect(instanceField().value).toBe('social.example');
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
      expect(await screen.findByRole('heading', { name: 'Connect your account' })).toBeTruthy();
    });

    it('after signing up, "check your email" with the address; Connect stays offered', async () => {
      const fake = fakeBackend();
      render(<Popup backend={fake.backend} />);
      fireEvent.click(await screen.findByRole('button', { name: 'Create an account' }));
      fireEvent.input(await findInstanceField(), { target: { value: 'social.example' } });
      fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
      fireEvent.input(await screen.findByLabelText('Username'), { target: { value: 'carol' } });
      fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'carol@example.com' } });
      fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
      fireEvent.click(screen.getByRole('checkbox', { name: /I agree/ }));
      fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
      expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
      expect(screen.getByText(/We sent a confirmation link to carol@example.com/)).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Connect' })).toBeTruthy();
    });

    it('opening the popup checks waiting accounts; an activated one opens the composer without signing in', async () => {
      const signUp = fakeSignUp({ check: { activated: [alice.id], waiting: [] } });
      const fake = fakeBackend({ waiting: [waitingAccount()] }, signUp);
      signUp.backend.checkWaitingAccounts.mockImplementationOnce(async () => {
        fake.state.accounts = [alice];
        fake.state.defaultAccountId = alice.id;
        fake.state.waiting = [];
        return { activated: [alice.id], waiting: [] };
      });
      render(<Popup backend={fake.backend} />);
      expect(await screen.findByRole('textbox', { name: 'Post text' })).toBeTruthy();
      expect(signUp.backend.checkWaitingAccounts).toHaveBeenCalledOnce();
      expect(fake.backend.connect).not.toHaveBeenCalled();
      expect(screen.queryByRole('heading', { name: 'Check your email' })).toBeNull();
    });

    it('a waiting account still waiting is shown as such, and "Check again" asks again', async () => {
      const signUp = fakeSignUp({ check: { activated: [], waiting: [waitingAccount({ state: 'approval' })] } });
      const fake = fakeBackend({ waiting: [waitingAccount()] }, signUp);
      render(<Popup backend={fake.backend} />);
      expect(await screen.findByRole('heading', { name: 'Waiting for approval' })).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
      await waitFor(() => expect(signUp.backend.checkWaitingAccounts).toHaveBeenCalledTimes(2));
    });

    it('a form left half-filled opens again as it was', async () => {
      const draft = { input: 'social.example', username: 'carol', email: 'carol@example.com', dateOfBirth: '', reason: '', agreed: false };
      const fake = fakeBackend({}, fakeSignUp({ draft, info: openInfo() }));
      render(<Popup backend={fake.backend} />);
      expect(((await screen.findByLabelText('Username')) as HTMLInputElement).value).toBe('carol');
      expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('carol@example.com');
    });
  });

  describe('with the last known state (the snapshot the background keeps in storage.local)', () => {
    const snapshot = (state: Partial<AppState>): AppState => ({
      accounts: [],
      defaultAccountId: null,
      connect: { state: 'idle' },
      redirectUri: TEST_REDIRECT_URL,
      scopes: 'read:accounts write:statuses write:media',
      waiting: [],
      ...state,
    });

    it('draws the connect form in its first render, before the background answers', () => {
      const fake = fakeBackend();
      fake.backend.getState.mockReturnValueOnce(new Promise(() => undefined));
      render(<Popup backend={fake.backend} lastKnownState={snapshot({})} />);
      // No await: the field is there and usable in the very first render.
      expect(instanceField().disabled).toBe(false);
      expect(document.activeElement).toBe(instanceField());
      expect(fake.backend.getState).toHaveBeenCalledOnce();
    });

    it('opens the composer for the known accounts while the background has not answered yet', async () => {
      const fake = fakeBackend();
      fake.backend.getState.mockReturnValueOnce(new Promise(() => undefined));
      render(<Popup backend={fake.backend} lastKnownState={snapshot({ accounts: [alice], defaultAccountId: alice.id })} />);
      expect(await screen.findByRole('textbox', { name: 'Post text' })).toBeTruthy();
      expect(screen.queryByRole('textbox', { name: 'Instance' })).toBeNull();
    });

    it("is replaced by the background's answer: an account connected since shows up", async () => {
      const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
      render(<Popup backend={fake.backend} lastKnownState={snapshot({})} />);
      expect(instanceField()).toBeTruthy();
      expect(await screen.findByRole('textbox', { name: 'Post text' })).toBeTruthy();
      expect(screen.queryByRole('textbox', { name: 'Instance' })).toBeNull();
    });

    it("shows a recorded outcome at once, and the background's newer one replaces it", async () => {
      const fake = fakeBackend({ connect: { state: 'idle' } });
      const failed: ConnectStatus = { state: 'failed', input: 'example.social', error: { code: 'cancelled', origin: 'https://example.social' } };
      render(<Popup backend={fake.backend} lastKnownState={snapshot({ connect: failed })} />);
      expect(screen.getByRole('alert').textContent).toMatch(/cancelled/i);
      await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
      expect(instanceField().value).toBe('');
    });

    describe('and the composer it last showed (the popup keeps it in storage.local)', () => {
      const withAlice = snapshot({ accounts: [alice], defaultAccountId: alice.id });
      /** The composer as the popup last showed it, read back; `kept` collects what it keeps next. */
      async function lastShown(fake: ReturnType<typeof fakeBackend>, text: string) {
        const shown = await fake.composer.backend.getComposer({ draftId: 'popup' });
        fake.composer.backend.getComposer.mockClear();
        const kept: ComposerState[] = [];
        return { kept, lastKnown: { state: { ...shown, draft: { ...shown.draft, text } }, keep: (state: ComposerState) => kept.push(state) } };
      }
      const postText = () => screen.getByRole('textbox', { name: 'Post text' }) as HTMLTextAreaElement;

      it("draws the stored account's composer with its draft, usable, before the background answers", async () => {
        const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
        const { lastKnown } = await lastShown(fake, 'half a thought');
        const getState = deferred<AppState>();
        const getComposer = deferred<ComposerState>();
        fake.backend.getState.mockReturnValueOnce(getState.promise);
        fake.composer.backend.getComposer.mockReturnValueOnce(getComposer.promise);
        render(<Popup backend={fake.backend} lastKnownState={withAlice} lastKnownComposer={lastKnown} />);
        // No await for the composer's code or the background: the text box is there, with the text.
        expect(postText().value).toBe('half a thought');
        expect(postText().readOnly).toBe(false);
        expect(document.activeElement).toBe(postText());
        fireEvent.input(postText(), { target: { value: 'half a thought, finished' } });
        expect(postText().value).toBe('half a thought, finished');
        // The background is asked once the popup is drawn; its answer keeps what was typed.
        await act(async () => {
          getState.resolve(structuredClone(fake.state));
          getComposer.resolve(await fake.composer.backend.getComposer({ draftId: 'popup' }));
        });
        expect(postText().value).toBe('half a thought, finished');
      });

      it("follows the background's answer when the draft changed since (posted from elsewhere, a share…)", async () => {
        const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
        fake.composer.drafts.popup = { ...fake.composer.stored('popup'), text: 'what the background has' };
        const { lastKnown, kept } = await lastShown(fake, 'what the popup showed last');
        render(<Popup backend={fake.backend} lastKnownState={withAlice} lastKnownComposer={lastKnown} />);
        expect(postText().value).toBe('what the popup showed last');
        await waitFor(() => expect(postText().value).toBe('what the background has'));
        expect(fake.composer.backend.getComposer).toHaveBeenCalledOnce();
        // What is now shown is kept for the next opening (once it is on screen).
        await waitFor(() => expect(kept.at(-1)?.draft.text).toBe('what the background has'));
      });

      it('keeps the last keystroke for the next opening within the keystroke itself, since a popup may close before any effect runs', async () => {
        const fake = fakeBackend({ accounts: [alice], defaultAccountId: alice.id });
        const { lastKnown, kept } = await lastShown(fake, 'The butler did it');
        render(<Popup backend={fake.backend} lastKnownState={withAlice} lastKnownComposer={lastKnown} />);
        // A bare event, outside act(): nothing scheduled after it (an effect, a frame) gets to run.
        postText().value = 'The butler did it.';
        postText().dispatchEvent(new Event('input', { bubbles: true }));
        expect(kept.at(-1)?.draft.text).toBe('The butler did it.');
      });

      it('notices an account disconnected elsewhere: the connect form replaces the composer', async () => {
        const fake = fakeBackend();
        const { lastKnown } = await lastShown(fake, 'half a thought');
        render(<Popup backend={fake.backend} lastKnownState={withAlice} lastKnownComposer={lastKnown} />);
        expect(postText().value).toBe('half a thought');
        expect(await findInstanceField()).toBeTruthy();
        expect(screen.queryByRole('textbox', { name: 'Post text' })).toBeNull();
      });

      it('is not drawn for an account the background no longer has: the composer waits for its answer', async () => {
        const fake = fakeBackend({ accounts: [bob], defaultAccountId: bob.id });
        const { lastKnown } = await lastShown(fake, 'written as alice');
        fake.composer.drafts.popup = { ...fake.composer.stored('popup'), accountId: bob.id, text: '' };
        render(<Popup backend={fake.backend} lastKnownState={snapshot({ accounts: [bob], defaultAccountId: bob.id })} lastKnownComposer={lastKnown} />);
        expect(screen.queryByRole('textbox', { name: 'Post text' })).toBeNull();
        await waitFor(() => expect(postText().value).toBe(''));
      });
    });

    it('says the background does not answer, instead of leaving the last known state to act on', async () => {
      const fake = fakeBackend();
      fake.backend.getState.mockRejectedValueOnce(new Error('Receiving end does not exist.'));
      render(<Popup backend={fake.backend} lastKnownState={snapshot({ accounts: [alice], defaultAccountId: alice.id })} />);
      expect((await screen.findByRole('alert')).textContent).toBe("Fedipost couldn't start. Close this popup and open it again.");
      expect(screen.queryByRole('textbox', { name: 'Post text' })).toBeNull();
    });
  });
});
