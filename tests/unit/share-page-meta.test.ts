import { describe, expect, it } from 'vitest';
import { parseHandle, parsePageMeta, validAuthors } from '@/lib/share/page-meta';
import { switchCredit, withoutUrl, withUrl } from '@/lib/share/credit';

describe('parseHandle: fediverse:creator values, by the rules of a handle typed to connect', () => {
  it.each([
    ['@alice@example.social', 'alice@example.social'],
    ['alice@example.social', 'alice@example.social'],
    ['  @Alice_B@Example.Social ', 'Alice_B@example.social'],
    ['@bob@127.0.0.1:3000', 'bob@127.0.0.1:3000'],
    ['@名前@例え.jp', null],
    ['@carol@bücher.example', 'carol@xn--bcher-kva.example'],
  ])('%s → %s', (value, expected) => {
    expect(parseHandle(value)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['no host', '@alice'],
    ['no user', '@example.social'],
    ['a URL', 'https://example.social/@alice'],
    ['a profile path', 'example.social/@alice'],
    ['two @ in the host', '@a@b@example.social'],
    ['spaces', '@al ice@example.social'],
    ['a username Mastodon would refuse', '@-alice@example.social'],
    ['a host without a dot', '@alice@intranet'],
    ['a bad host label', '@alice@exa_mple.social'],
    ['credentials in the host', '@alice@user:pw@example.social'],
    ['a script', '@<script>@example.social'],
  ])('rejects %s', (_, value) => {
    expect(parseHandle(value)).toBeNull();
  });
});

describe('validAuthors', () => {
  it('keeps the first three valid ones, in the page’s order, without repeats', () => {
    expect(validAuthors(['nonsense', '@a@x.example', '@A@X.example', 'b@y.example', '@c@z.example', '@d@w.example'])).toEqual([
      'a@x.example',
      'b@y.example',
      'c@z.example',
    ]);
  });
});

describe('parsePageMeta', () => {
  const page = 'https://news.example/story';

  it('reads the card, resolving a relative image against the page', () => {
    const info = parsePageMeta(
      {
        creators: ['@ann@news.example'],
        card: { 'og:title': ' A  story ', 'og:description': 'What happened', 'og:site_name': 'News', 'og:image': '/img/a.png' },
        activityPub: null,
      },
      page,
    );
    expect(info).toEqual({
      authors: ['ann@news.example'],
      card: { title: 'A story', description: 'What happened', siteName: 'News', image: 'https://news.example/img/a.png' },
      activityPub: null,
    });
  });

  it('falls back to Twitter tags', () => {
    const info = parsePageMeta({ creators: [], card: { 'twitter:title': 'T', 'twitter:image': 'https://cdn.example/t.png' }, activityPub: null }, page);
    expect(info.card).toEqual({ title: 'T', description: '', siteName: '', image: 'https://cdn.example/t.png' });
  });

  it.each([
    ['plain http elsewhere', 'http://cdn.example/a.png', null],
    ['http on loopback', 'http://127.0.0.1:8080/a.png', 'http://127.0.0.1:8080/a.png'],
    ['a data: URL', 'data:image/png;base64,AAAA', null],
    ['javascript:', 'javascript:alert(1)', null],
    ['another scheme on loopback', 'ftp://127.0.0.1/a.png', null],
  ])('an image over %s', (_, image, expected) => {
    expect(parsePageMeta({ creators: [], card: { 'og:title': 'T', 'og:image': image }, activityPub: null }, page).card?.image).toBe(expected);
  });

  it('reads the ActivityPub alternate link as an absolute http(s) URL only', () => {
    expect(parsePageMeta({ creators: [], card: {}, activityPub: '/users/ann/statuses/1' }, page).activityPub).toBe(
      'https://news.example/users/ann/statuses/1',
    );
    expect(parsePageMeta({ creators: [], card: {}, activityPub: 'javascript:x' }, page).activityPub).toBeNull();
  });

  it('prefers the secure image URL, then og:image, og:image:url and the Twitter ones', () => {
    const image = (card: Record<string, string>) => parsePageMeta({ creators: [], card: { 'og:title': 'T', ...card }, activityPub: null }, page).card?.image;
    const all = {
      'twitter:image:src': 'https://cdn.example/5.png',
      'twitter:image': 'https://cdn.example/4.png',
      'og:image:url': 'https://cdn.example/3.png',
      'og:image': 'https://cdn.example/2.png',
      'og:image:secure_url': 'https://cdn.example/1.png',
    };
    expect(image(all)).toBe('https://cdn.example/1.png');
    const { 'og:image:secure_url': _1, ...two } = all;
    expect(image(two)).toBe('https://cdn.example/2.png');
    const { 'og:image': _2, ...three } = two;
    expect(image(three)).toBe('https://cdn.example/3.png');
    const { 'og:image:url': _3, ...four } = three;
    expect(image(four)).toBe('https://cdn.example/4.png');
    expect(image({ 'twitter:image:src': 'https://cdn.example/5.png' })).toBe('https://cdn.example/5.png');
  });

  it('a blank value gives way to the next tag; a blank or broken image is none', () => {
    const info = parsePageMeta(
      { creators: [], card: { 'og:title': '  ', 'twitter:title': 'From Twitter', 'og:description': '', 'twitter:description': 'Said there', 'og:image': ' ' }, activityPub: null },
      page,
    );
    expect(info.card).toEqual({ title: 'From Twitter', description: 'Said there', siteName: '', image: null });
    expect(parsePageMeta({ creators: [], card: { 'og:title': 'T', 'og:image': 'https://[broken' }, activityPub: null }, page).card?.image).toBeNull();
  });

  it('each text on one line, cut to its length: title 300, description 500, site name 100', () => {
    const card = { 'og:title': ` A\n\t story ${'t'.repeat(400)}`, 'og:description': 'd'.repeat(600), 'og:site_name': ` ${'s'.repeat(150)}` };
    expect(parsePageMeta({ creators: [], card, activityPub: null }, page).card).toEqual({
      title: `A story ${'t'.repeat(292)}`,
      description: 'd'.repeat(500),
      siteName: 's'.repeat(100),
      image: null,
    });
  });

  it('a card needs a title, a description or an image: a site name alone is none', () => {
    const card = (tags: Record<string, string>) => parsePageMeta({ creators: [], card: tags, activityPub: null }, page).card;
    expect(card({ 'og:site_name': 'News' })).toBeNull();
    expect(card({ 'og:description': 'Only this' })).toEqual({ title: '', description: 'Only this', siteName: '', image: null });
    expect(card({ 'og:image': 'https://cdn.example/a.png' })).toEqual({ title: '', description: '', siteName: '', image: 'https://cdn.example/a.png' });
    expect(card({ 'og:image': 'http://cdn.example/a.png' })).toBeNull();
  });

  it('an http ActivityPub link is kept (the server decides), any other scheme or a broken one is not', () => {
    const ap = (activityPub: unknown) => parsePageMeta({ creators: [], card: {}, activityPub }, page).activityPub;
    expect(ap('http://news.example/ap/1')).toBe('http://news.example/ap/1');
    expect(ap('ftp://news.example/ap/1')).toBeNull();
    expect(ap('https://[broken')).toBeNull();
    expect(ap('   ')).toBeNull();
  });

  it('keeps the usable parts of a half-broken answer', () => {
    const info = parsePageMeta({ creators: [42, '@ann@news.example', null], card: { 'og:title': 'Kept', 'og:description': 7 }, activityPub: null }, page);
    expect(info).toEqual({ authors: ['ann@news.example'], card: { title: 'Kept', description: '', siteName: '', image: null }, activityPub: null });
    expect(parsePageMeta({ creators: ['@ann@news.example'], card: null, activityPub: null }, page)).toEqual({ authors: ['ann@news.example'], card: null, activityPub: null });
    expect(parsePageMeta('a string', page)).toEqual({ authors: [], card: null, activityPub: null });
  });

  it('anything malformed reads as absent', () => {
    expect(parsePageMeta(null, page)).toEqual({ authors: [], card: null, activityPub: null });
    expect(parsePageMeta({ creators: 'a@b.example', card: { 'og:title': 3 }, activityPub: 5 }, page)).toEqual({ authors: [], card: null, activityPub: null });
  });
});

describe('switchCredit', () => {
  const authors = ['ann@example.social'];
  const WJ = '\u2060';
  const asText = `A page\nhttps://example.org/a\nvia @${WJ}ann@example.social`;

  it('text → mention replaces the credit where it stands', () => {
    expect(switchCredit(asText, authors, 'text', 'mention')).toBe('A page\nhttps://example.org/a\nvia @ann@example.social');
  });

  it('→ off removes it and its line', () => {
    expect(switchCredit(asText, authors, 'text', 'off')).toBe('A page\nhttps://example.org/a');
  });

  it('off → text puts it on a line of its own at the end', () => {
    expect(switchCredit('A page\nhttps://example.org/a', authors, 'off', 'text')).toBe(asText);
  });

  it('no switch leaves the text as it is, even when the credit was edited away', () => {
    expect(switchCredit('My words', authors, 'text', 'text')).toBe('My words');
    expect(switchCredit('My words', [], 'off', 'text')).toBe('My words');
  });

  it('turning off a credit that is no longer there changes nothing', () => {
    expect(switchCredit('My words  ', authors, 'text', 'off')).toBe('My words  ');
  });

  it('a credit added to an empty post stands alone; after words, on a line of its own', () => {
    expect(switchCredit('  \n', authors, 'off', 'mention')).toBe('via @ann@example.social');
    expect(switchCredit('My words \n\n', authors, 'off', 'mention')).toBe('My words\nvia @ann@example.social');
  });

  it('a credit the person edited away is added again, not duplicated', () => {
    expect(switchCredit('My words', authors, 'text', 'mention')).toBe('My words\nvia @ann@example.social');
  });
});

describe('withoutUrl / withUrl', () => {
  it('takes the link out and puts it back', () => {
    const text = 'A page\nhttps://example.org/a\nvia x';
    const without = withoutUrl(text, 'https://example.org/a');
    expect(without).toBe('A page\nvia x');
    expect(withUrl(without, 'https://example.org/a')).toBe('A page\nvia x\nhttps://example.org/a');
    expect(withUrl(text, 'https://example.org/a')).toBe(text);
  });

  it('the link on the first line, or beside other words: only the link goes', () => {
    expect(withoutUrl('https://example.org/a\nMy words', 'https://example.org/a')).toBe('My words');
    expect(withoutUrl('https://example.org/a\n\nMy words', 'https://example.org/a')).toBe('My words');
    expect(withoutUrl('Look:  https://example.org/a\nMore', 'https://example.org/a')).toBe('Look:\nMore');
    expect(withoutUrl('More\n  indented https://example.org/a', 'https://example.org/a')).toBe('More\n  indented');
  });

  it('no blank lines pile up where the link was', () => {
    expect(withoutUrl('A\n\nhttps://example.org/a\n\nB', 'https://example.org/a')).toBe('A\n\nB');
  });

  it('a text without the link, or no link: unchanged', () => {
    expect(withoutUrl('No link here', 'https://example.org/a')).toBe('No link here');
    expect(withoutUrl('No link here', '')).toBe('No link here');
  });

  it('a link put back into an empty post stands alone; after words, on a line of its own', () => {
    expect(withUrl(' \n', 'https://example.org/a')).toBe('https://example.org/a');
    expect(withUrl('My words\n\n', 'https://example.org/a')).toBe('My words\nhttps://example.org/a');
    expect(withUrl('My words', '')).toBe('My words');
  });
});
