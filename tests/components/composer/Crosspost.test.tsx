// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { Composer } from '@/components/composer/Composer';
import { TargetResults } from '@/components/composer/TargetResults';
import type { DraftTarget } from '@/lib/composer/targets';
import type { AccountView } from '@/lib/messages';
import { alice, bob, fakeComposer } from './fake';

afterEach(cleanup);

const carol: AccountView = { ...bob, id: 'carol@third.example', username: 'carol', displayName: 'Carol', origin: 'https://third.example' };

async function renderComposer(fake: ReturnType<typeof fakeComposer>, accounts: AccountView[] = [alice, bob, carol]) {
  render(<Composer backend={fake.backend} draftId="popup" accounts={accounts} onAddAccount={vi.fn()} onReconnect={vi.fn()} />);
  await screen.findByRole('textbox', { name: 'Post text' });
}

const textBox = () => screen.getByRole('textbox', { name: 'Post text' }) as HTMLTextAreaElement;
const checkbox = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const counter = () => document.querySelector('.counter')!;
const results = () => screen.getByRole('list', { name: 'Result per account' });

describe('Composer cross-posting', () => {
  it('offers the other accounts as checkboxes named by handle, and counts for the strictest server, naming it', async () => {
    const fake = fakeComposer({
      accounts: [alice, bob, carol],
      limits: { [alice.id]: { maxCharacters: 500 }, [bob.id]: { maxCharacters: 100 }, [carol.id]: { maxCharacters: 5000 } },
    });
    await renderComposer(fake);
    fireEvent.input(textBox(), { target: { value: 'Hi' } });
    expect(screen.queryByRole('checkbox', { name: '@bob@other.example' })).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Also post as…' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const group = screen.getByRole('group', { name: 'Also post as' });
    // The draft's own account is the one in the picker, not a choice here.
    expect(within(group).getAllByRole('checkbox').map((box) => box.parentElement!.textContent)).toEqual(['@bob@other.example', '@carol@third.example']);
    expect(counter().textContent).toBe('498');

    fireEvent.click(checkbox('@bob@other.example'));
    await waitFor(() => expect(fake.backend.crosspostTo).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', accountIds: [bob.id] }));
    // The text went first, so choosing cannot lose it.
    expect(fake.backend.updateDraft.mock.invocationCallOrder[0]).toBeLessThan(fake.backend.crosspostTo.mock.invocationCallOrder[0]!);
    await waitFor(() => expect(counter().textContent).toBe('98'));
    expect(screen.getByText('Counting for other.example, the strictest of your 2 servers.')).toBeTruthy();
    expect(checkbox('@bob@other.example').checked).toBe(true);

    fireEvent.click(checkbox('@carol@third.example'));
    await waitFor(() => expect(fake.backend.crosspostTo).toHaveBeenLastCalledWith({ draftId: 'popup', accountIds: [bob.id, carol.id] }));
    await screen.findByText('Counting for other.example, the strictest of your 3 servers.');
    fireEvent.click(checkbox('@bob@other.example'));
    await screen.findByText('Counting for example.social, the strictest of your 2 servers.');
    await waitFor(() => expect(counter().textContent).toBe('498'));
  });

  it('shows one result per account; a failed one has its own reason and Try again, and the draft is done once all have posted', async () => {
    const fake = fakeComposer({ accounts: [alice, bob, carol], draft: { text: 'Three times', crosspostTo: [bob.id, carol.id] }, failing: [carol.id] });
    await renderComposer(fake);
    fireEvent.click(screen.getByRole('button', { name: 'Post' }));

    const carolRow = await screen.findByText(/third\.example had a problem \(HTTP 503\)/);
    expect(carolRow.closest('li')!.textContent).toContain('@carol@third.example');
    const rows = within(results()).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('.handle')!.textContent)).toEqual(['@alice@example.social', '@bob@other.example', '@carol@third.example']);
    expect((screen.getByRole('link', { name: 'View post as @alice@example.social' }) as HTMLAnchorElement).href).toBe('https://example.social/@alice/7');
    expect((screen.getByRole('link', { name: 'View post as @bob@other.example' }) as HTMLAnchorElement).href).toBe('https://other.example/@bob/7');
    expect(screen.getByText(/Not every account has its post: 1 still to go/)).toBeTruthy();
    // The draft stays, and the accounts that have their post can no longer be left out.
    expect(textBox().value).toBe('Three times');
    expect(checkbox('@bob@other.example').disabled).toBe(true);
    expect(checkbox('@carol@third.example').disabled).toBe(false);
    expect((screen.getByRole('combobox', { name: 'Account' }) as HTMLSelectElement).disabled).toBe(true);

    fake.recover(carol.id);
    fireEvent.click(screen.getByRole('button', { name: 'Try again as @carol@third.example' }));
    await screen.findByText('Posted as every account.');
    expect(fake.backend.post).toHaveBeenLastCalledWith({ draftId: 'popup', idempotencyKey: 'key-1', accountId: carol.id });
    expect(screen.getByRole('link', { name: 'View post as @carol@third.example' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: /^View post as/ })).toHaveLength(3);
    await waitFor(() => expect(textBox().value).toBe(''));
    // The next post goes out as the same accounts.
    expect(checkbox('@bob@other.example').checked).toBe(true);
    expect(checkbox('@carol@third.example').checked).toBe(true);
  });

  it('with one account, offers no one to post as besides', async () => {
    await renderComposer(fakeComposer({ accounts: [alice] }), [alice]);
    expect(screen.queryByRole('button', { name: 'Also post as…' })).toBeNull();
  });
});

describe('TargetResults', () => {
  const target = (state: DraftTarget['state'], more: Partial<DraftTarget> = {}): DraftTarget => ({
    idempotencyKey: 'k',
    state,
    statuses: [],
    scheduledAt: null,
    error: null,
    unconfirmedSince: null,
    media: {},
    ...more,
  });

  it("shows each account's own upload progress while posting, and Reconnect for an ended session", () => {
    const onReconnect = vi.fn();
    const onRetry = vi.fn();
    render(
      <TargetResults
        accounts={[alice.id, bob.id, carol.id]}
        targets={{
          [alice.id]: target('posting', { media: { m1: { state: 'processing', serverId: '9', description: '', error: null } } }),
          [bob.id]: target('posting', { media: { m1: { state: 'uploading', serverId: null, description: '', error: null } } }),
          [carol.id]: target('failed', { error: { code: 'unauthorized', accountId: carol.id } }),
        }}
        media={[{ localId: 'm1', fileName: 'cat.png' }]}
        progress={{ [`${bob.id} m1`]: { sent: 40, total: 100 }, m1: { sent: 100, total: 100 } }}
        hostOf={(id) => id.split('@')[1]!}
        busy={false}
        onRetry={onRetry}
        onReconnect={onReconnect}
      />,
    );
    const [aliceRow, bobRow, carolRow] = within(screen.getByRole('list', { name: 'Result per account' })).getAllByRole('listitem');
    expect(aliceRow!.textContent).toContain('The server is processing cat.png…');
    expect(bobRow!.textContent).toContain('Uploading cat.png: 40%');
    expect(within(carolRow!).getByRole('alert').textContent).toContain('@carol@third.example');
    fireEvent.click(within(carolRow!).getByRole('button', { name: 'Reconnect @carol@third.example' }));
    expect(onReconnect).toHaveBeenCalledExactlyOnceWith(carol.id);
    expect(screen.queryByRole('button', { name: /^Try again/ })).toBeNull();
  });

  it('a file the server was still processing when Fedipost stopped waiting: said so, not as a bad answer, with Try again', () => {
    const onRetry = vi.fn();
    render(
      <TargetResults
        accounts={[carol.id]}
        targets={{ [carol.id]: target('failed', { error: { code: 'processing-timeout' } }) }}
        media={[{ localId: 'm1', fileName: 'clip.mp4' }]}
        progress={{}}
        hostOf={(id) => id.split('@')[1]!}
        busy={false}
        onRetry={onRetry}
        onReconnect={vi.fn()}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'third.example has your file but was still processing it when Fedipost stopped waiting, so nothing was posted. Try again to wait for it once more. Your draft is kept.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again as @carol@third.example' }));
    expect(onRetry).toHaveBeenCalledExactlyOnceWith(carol.id);
  });
});
