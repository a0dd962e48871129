// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { Composer } from '@/components/composer/Composer';
import { SharePanel } from '@/components/composer/SharePanel';
import type { DraftShare, QuotedPost } from '@/lib/composer/draft';
import { alice, bob, fakeComposer, mediaOf } from './fake';

afterEach(cleanup);

const WJ = '\u2060';
const URL_ = 'https://news.example/story';
const TEXT = `A story\n${URL_}\nvia @${WJ}ann@news.example`;

function shareOf(overrides: Partial<DraftShare> = {}): DraftShare {
  return {
    url: URL_,
    authors: ['ann@news.example'],
    credit: 'text',
    card: null,
    cardRemoved: false,
    activityPub: null,
    quote: { accountId: alice.id, check: 'none', post: null, on: false },
    ...overrides,
  };
}

function postOf(overrides: Partial<QuotedPost> = {}): QuotedPost {
  return {
    id: '42',
    url: URL_,
    authorAcct: 'ann@news.example',
    authorName: 'Ann',
    text: 'Bread <b>is</b> a verb.',
    image: 'https://news.example/bread.png',
    approval: 'automatic',
    followersOnly: false,
    ...overrides,
  };
}

function renderShare(share: DraftShare, extra: Parameters<typeof fakeComposer>[0] = {}) {
  const fake = fakeComposer({ ...extra, draft: { text: TEXT, share, ...extra.draft } });
  render(<Composer backend={fake.backend} draftId="popup" accounts={[alice, bob]} onAddAccount={vi.fn()} onReconnect={vi.fn()} SharePanel={SharePanel} />);
  return fake;
}

const textBox = async () => (await screen.findByRole('textbox', { name: 'Post text' })) as HTMLTextAreaElement;
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('SharePanel: the author', () => {
  it('shows whom the page names, and switches credit → mention → none for this post', async () => {
    const fake = renderShare(shareOf());
    expect(await screen.findByText('The page names its author: @ann@news.example')).toBeTruthy();
    expect(button('Credit').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Written as text: they are not notified.')).toBeTruthy();

    fireEvent.click(button('Mention'));
    expect((await textBox()).value).toBe(`A story\n${URL_}\nvia @ann@news.example`);
    expect(screen.getByText('A mention: they get a notification.')).toBeTruthy();
    await waitFor(() => expect(fake.stored('popup').share?.credit).toBe('mention'));

    fireEvent.click(button('None'));
    expect((await textBox()).value).toBe(`A story\n${URL_}`);
    await waitFor(() => expect(fake.stored('popup').text).toBe(`A story\n${URL_}`));
  });
});

describe('SharePanel: quoting', () => {
  it('offers "Quote"; quoting takes the link out, shows the post as plain text, and disables media and poll', async () => {
    const fake = renderShare(shareOf({ quote: { accountId: alice.id, check: 'found', post: postOf(), on: false } }));
    const quote = (await screen.findByRole('checkbox', { name: 'Quote' })) as HTMLInputElement;
    fireEvent.click(quote);
    expect((await textBox()).value).toBe(`A story\nvia @${WJ}ann@news.example`);
    // Server HTML is never rendered: the tags show as text.
    expect(screen.getByText('Bread <b>is</b> a verb.')).toBeTruthy();
    expect(button('Add media').disabled).toBe(true);
    expect(button('Add poll').disabled).toBe(true);
    expect(button('Add media').getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText("A quote can't carry media or a poll.")).toBeTruthy();
    await waitFor(() => expect(fake.stored('popup').share?.quote.on).toBe(true));

    fireEvent.click(quote);
    expect((await textBox()).value).toBe(`A story\nvia @${WJ}ann@news.example\n${URL_}`);
  });

  it('a post its author reviews: "Request to quote (the author reviews it)"', async () => {
    renderShare(shareOf({ quote: { accountId: alice.id, check: 'found', post: postOf({ approval: 'manual' }), on: false } }));
    expect(await screen.findByRole('checkbox', { name: 'Request to quote (the author reviews it)' })).toBeTruthy();
  });

  it.each([
    ['denied, followers only', postOf({ approval: 'denied', followersOnly: true }), 'Only followers can quote this post.'],
    ['denied', postOf({ approval: 'denied' }), "You can't quote this post."],
    ['unknown', postOf({ approval: 'unknown' }), "You can't quote this post."],
  ])('%s: the reason, no quote, shared as a link', async (_, post, reason) => {
    renderShare(shareOf({ quote: { accountId: alice.id, check: 'found', post, on: false } }));
    expect(await screen.findByText(reason)).toBeTruthy();
    expect(screen.getByText('It is shared as a link.')).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Quote' })).toBeNull();
  });

  it('with media attached, the quote waits until it is removed, and says why', async () => {
    renderShare(shareOf({ quote: { accountId: alice.id, check: 'found', post: postOf(), on: false } }), { draft: { media: [mediaOf()] } });
    const quote = (await screen.findByRole('checkbox', { name: 'Quote' })) as HTMLInputElement;
    expect(quote.disabled).toBe(true);
    expect(screen.getByText("A quote can't carry media or a poll: remove them to quote this post.")).toBeTruthy();
  });

  it.each([
    ['checking', 'Checking whether this page is a fediverse post…'],
    ['unresolved', "Your server couldn't load this post, so it is shared as a link."],
    ['unsupported', "Your server can't quote posts, so this post is shared as a link."],
  ] as const)('%s: a quiet note, and posting stays possible', async (check, note) => {
    renderShare(shareOf({ quote: { accountId: alice.id, check, post: null, on: false } }));
    expect(await screen.findByText(note)).toBeTruthy();
    expect(button('Post').disabled).toBe(false);
  });

  it('a quote resolved through another account is not offered for this one', async () => {
    renderShare(shareOf({ quote: { accountId: bob.id, check: 'found', post: postOf(), on: false } }));
    await textBox();
    expect(screen.queryByRole('checkbox', { name: 'Quote' })).toBeNull();
  });
});

describe('SharePanel: the link card preview', () => {
  const card = { title: 'A story', description: 'What happened', siteName: 'News', image: 'https://news.example/card.png' };

  it('is labelled honestly, credits the author, and can be removed (the link goes with it) and put back', async () => {
    renderShare(shareOf({ card }));
    expect(await screen.findByText('Preview (the server makes the final card)')).toBeTruthy();
    expect(screen.getByText('News')).toBeTruthy();
    expect(screen.getByText('What happened')).toBeTruthy();
    expect(screen.getByText('More from @ann@news.example')).toBeTruthy();

    fireEvent.click(button('Remove preview'));
    expect((await textBox()).value).toBe(`A story\nvia @${WJ}ann@news.example`);
    expect(screen.getByText(/so the link is out of the text/)).toBeTruthy();
    fireEvent.click(button('Put the link back'));
    expect((await textBox()).value).toContain(URL_);
  });
});

describe('Who can quote', () => {
  const picker = () => screen.queryByRole('combobox', { name: 'Who can quote' }) as HTMLSelectElement | null;

  it('is shown only where the server has quote policies', async () => {
    renderShare(shareOf(), { quotes: false });
    await textBox();
    expect(picker()).toBeNull();
  });

  it('starts from the account’s default and is fixed to "Just me" for private posts', async () => {
    const fake = fakeComposer({ quotes: true, accounts: [{ ...alice, defaults: { ...alice.defaults, quotePolicy: 'followers' } }] });
    render(<Composer backend={fake.backend} draftId="popup" accounts={[alice]} onAddAccount={vi.fn()} onReconnect={vi.fn()} />);
    await textBox();
    expect(picker()!.value).toBe('followers');
    fireEvent.change(picker()!, { target: { value: 'nobody' } });
    await waitFor(() => expect(fake.stored('popup').quotePolicy).toBe('nobody'));
    // Visibility is a toolbar menu: pick Followers there, as a person would.
    fireEvent.click(screen.getByRole('button', { name: /^Visibility/ }));
    fireEvent.click(within(await screen.findByRole('menu', { name: 'Visibility' })).getByRole('menuitemradio', { name: /^Followers/ }));
    await waitFor(() => expect(picker()!.disabled).toBe(true));
    expect(picker()!.value).toBe('nobody');
    expect(screen.getByText('Private posts and private mentions can be quoted only by you.')).toBeTruthy();
  });
});
