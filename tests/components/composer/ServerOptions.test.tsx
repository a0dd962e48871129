// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { Composer } from '@/components/composer/Composer';
import { ServerOptions } from '@/components/composer/ServerOptions';
import { MASTODON_PROFILE, serverProfile } from '@/lib/server-profile';
import { alice, fakeComposer } from './fake';

afterEach(cleanup);

const gotosocial = serverProfile({ name: 'gotosocial', version: '0.17.3' }, '');
const akkoma = serverProfile({ name: 'akkoma', version: '3.13.2' }, '');

describe('ServerOptions', () => {
  it('shows nothing for a server without local-only or formats (Mastodon)', () => {
    const { container } = render(
      <ServerOptions server={MASTODON_PROFILE} localOnly={false} contentType={null} onLocalOnly={vi.fn()} onContentType={vi.fn()} />,
    );
    expect(container.textContent).toBe('');
  });

  it('offers local-only and the formats the server reads, and answers the choices', () => {
    const onLocalOnly = vi.fn();
    const onContentType = vi.fn();
    render(<ServerOptions server={akkoma} localOnly={false} contentType={null} onLocalOnly={onLocalOnly} onContentType={onContentType} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Only on this server (not federated)' }));
    const format = screen.getByRole('combobox', { name: 'Format' }) as HTMLSelectElement;
    expect([...format.options].map((o) => o.textContent)).toEqual(['Plain text', 'Markdown', 'HTML', 'BBCode']);
    fireEvent.change(format, { target: { value: 'text/markdown' } });
    fireEvent.change(format, { target: { value: '' } });
    expect(onLocalOnly).toHaveBeenCalledExactlyOnceWith(true);
    expect(onContentType.mock.calls).toEqual([['text/markdown'], [null]]);
  });
});

describe('the composer follows the server', () => {
  it("counts as GoToSocial does (code points) and offers its options", async () => {
    const fake = fakeComposer({ server: gotosocial, draft: { text: '👨‍👩‍👧' } });
    render(<Composer backend={fake.backend} draftId="popup" accounts={[alice]} onAddAccount={vi.fn()} onReconnect={vi.fn()} />);
    await screen.findByRole('textbox', { name: 'Post text' });
    expect(screen.getByText('495')).toBeTruthy();
    expect(await screen.findByRole('checkbox', { name: 'Only on this server (not federated)' })).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Format' }), { target: { value: 'text/markdown' } });
    expect(fake.backend.updateDraft).toHaveBeenCalledWith({ draftId: 'popup', patch: { contentType: 'text/markdown' } });
    // The visibility choices are the toolbar's menu: mutuals-only is among them.
    fireEvent.click(screen.getByRole('button', { name: 'Visibility' }));
    fireEvent.click(await screen.findByRole('menuitemradio', { name: 'Mutuals only' }));
    await waitFor(() => expect(fake.backend.updateDraft).toHaveBeenCalledWith({ draftId: 'popup', patch: { visibility: 'mutuals_only' } }));
  });

  it('counts the same text as one character on Mastodon, offering nothing extra', async () => {
    const fake = fakeComposer({ draft: { text: '👨‍👩‍👧' } });
    render(<Composer backend={fake.backend} draftId="popup" accounts={[alice]} onAddAccount={vi.fn()} onReconnect={vi.fn()} />);
    await screen.findByRole('textbox', { name: 'Post text' });
    expect(screen.getByText('499')).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Only on this server (not federated)' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Format' })).toBeNull();
  });
});
