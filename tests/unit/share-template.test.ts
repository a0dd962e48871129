import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { fillTemplate, shareText, type ShareContext } from '@/lib/share/template';

const DEFAULT = DEFAULT_SETTINGS.shareTemplate;
const page = { title: 'A page', url: 'https://example.org/a', selection: 'Quoted words', author: '' };
const none = { title: '', url: '', selection: '', author: '' };

describe('fillTemplate', () => {
  it.each([
    ['the default template, everything given', DEFAULT, page, '“Quoted words”\n\nA page\nhttps://example.org/a'],
    ['the default template without a selection: no empty quotes, no leading blank line', DEFAULT, { ...page, selection: '' }, 'A page\nhttps://example.org/a'],
    ['the default template without a title', DEFAULT, { ...page, title: '' }, '“Quoted words”\n\nhttps://example.org/a'],
    ['the default template with only a URL', DEFAULT, { ...none, url: 'https://example.org/a' }, 'https://example.org/a'],
    ['nothing at all', DEFAULT, none, ''],
    ['a value of blanks counts as empty', DEFAULT, { ...page, selection: ' \n\t ' }, 'A page\nhttps://example.org/a'],
    ['values are trimmed', '{title}|{url}', { ...page, title: '  A page \n' }, 'A page|https://example.org/a'],
    ['unknown placeholders stay as written', '{title} {foo} {URL}', page, 'A page {foo} {URL}'],
    ['placeholders repeat', '{title} ({title})', page, 'A page (A page)'],
    ['values are not read as placeholders', '{selection}', { ...page, selection: 'use {url} here' }, 'use {url} here'],
    ['a line whose placeholders are all empty goes, label and all', 'Via: {title}\n{url}', { ...page, title: '' }, 'https://example.org/a'],
    ['lines without placeholders stay', 'Reading now\n{title}\n{url}', { ...page, title: '' }, 'Reading now\nhttps://example.org/a'],
    ['an empty first placeholder takes its separator along', '{title} — {url}', { ...page, title: '' }, 'https://example.org/a'],
    ['an empty last placeholder takes its separator along', '{title}: {url}', { ...page, url: '' }, 'A page'],
    ['an empty middle placeholder leaves one separator', '{title} | {selection} | {url}', { ...page, selection: '' }, 'A page | https://example.org/a'],
    ['empty brackets go with their placeholder', '{title} ({url})', { ...page, url: '' }, 'A page'],
    ['empty German quotes go with their placeholder', '„{selection}“ — {title}', { ...page, selection: '' }, 'A page'],
    ['empty guillemets go with their placeholder', '{title} «{selection}»', { ...page, selection: '' }, 'A page'],
    ['blank lines never pile up', '{title}\n\n{selection}\n\n{url}', { ...page, selection: '' }, 'A page\n\nhttps://example.org/a'],
    ['blank lines inside a selection are capped at one', '{selection}', { ...page, selection: 'one\n\n\n\ntwo' }, 'one\n\ntwo'],
    ['trailing spaces of lines go; indentation of kept lines stays', '{title}   \n  > {url}', page, 'A page\n  > https://example.org/a'],
    ['{author} on its own line goes when nobody is credited', DEFAULT, { ...page, selection: '' }, 'A page\nhttps://example.org/a'],
    ['{author} is filled in', DEFAULT, { ...page, selection: '', author: 'via @a@x.example' }, 'A page\nhttps://example.org/a\nvia @a@x.example'],
    ['an empty {author} takes its separator along', '{title} — {author}', { ...page }, 'A page'],
    ['Windows line breaks read as line breaks', '{selection}\r\n{title}', { ...page, selection: '' }, 'A page'],
    ['an empty placeholder after mere indentation is at the start: its separator goes', '  {url} — {title}', { ...page, url: '' }, 'A page'],
  ])('%s', (_, template, values, expected) => {
    expect(fillTemplate(template, values)).toBe(expected);
  });
});

describe('shareText', () => {
  const settings = { shareTemplate: DEFAULT, stripTracking: true, authorCredit: 'text' } as const;
  const base = { pageTitle: 'Page title', pageUrl: 'https://example.org/post?utm_source=rss&id=3' };

  it.each<[string, ShareContext, string]>([
    ['page: title and cleaned URL', { kind: 'page', ...base }, 'Page title\nhttps://example.org/post?id=3'],
    ['selection: quoted, then the page', { kind: 'selection', ...base, selectionText: 'So true.' }, '“So true.”\n\nPage title\nhttps://example.org/post?id=3'],
    [
      'link: the link’s text and URL, not the page’s',
      { kind: 'link', ...base, linkUrl: 'https://news.example/x?fbclid=abc', linkText: 'A story' },
      'A story\nhttps://news.example/x',
    ],
    ['link without text: only its URL', { kind: 'link', ...base, linkUrl: 'https://news.example/x' }, 'https://news.example/x'],
    ['link text that repeats the URL is not repeated', { kind: 'link', ...base, linkUrl: 'https://news.example/x', linkText: 'https://news.example/x' }, 'https://news.example/x'],
    [
      'image: the page’s title and URL (the image goes as media)',
      { kind: 'image', ...base, srcUrl: 'https://example.org/cat.png', altText: 'A cat' },
      'Page title\nhttps://example.org/post?id=3',
    ],
    ['an untitled page (the browser shows its URL as title)', { kind: 'page', pageTitle: 'https://example.org/raw', pageUrl: 'https://example.org/raw' }, 'https://example.org/raw'],
    ['a browser page leaves out its URL', { kind: 'page', pageTitle: 'Settings', pageUrl: 'chrome://settings/' }, 'Settings'],
    ['a javascript: link shares nothing of itself', { kind: 'link', ...base, linkUrl: 'javascript:void(0)', linkText: '' }, ''],
    ['titles spanning lines read as one', { kind: 'page', pageTitle: 'Two\n   lines', pageUrl: 'https://example.org/' }, 'Two lines\nhttps://example.org/'],
    ['a selection the menu gave no text for: the page alone', { kind: 'selection', ...base }, 'Page title\nhttps://example.org/post?id=3'],
    ['a link the menu gave no address for: its text', { kind: 'link', ...base, linkText: 'A story' }, 'A story'],
    ['a link clicked inside a selection: the link, not the selection', { kind: 'link', ...base, linkUrl: 'https://news.example/x', linkText: 'A story', selectionText: 'Around it' }, 'A story\nhttps://news.example/x'],
    ['an untitled page with tracking: the title was its URL as given', { kind: 'page', pageTitle: 'https://example.org/p?utm_source=x', pageUrl: 'https://example.org/p?utm_source=x' }, 'https://example.org/p'],
    ['a title that is the cleaned URL', { kind: 'page', pageTitle: 'https://example.org/p', pageUrl: 'https://example.org/p?utm_source=x' }, 'https://example.org/p'],
    ['a URL and a URL-title with stray spaces', { kind: 'page', pageTitle: ' https://example.org/raw ', pageUrl: ' https://example.org/raw ' }, 'https://example.org/raw'],
    ['a URL-title with stray spaces', { kind: 'page', pageTitle: '  https://example.org/raw\n', pageUrl: 'https://example.org/raw' }, 'https://example.org/raw'],
  ])('%s', (_, context, expected) => {
    expect(shareText(context, settings)).toBe(expected);
  });

  it('keeps tracking parameters when the person turned stripping off', () => {
    expect(shareText({ kind: 'page', ...base }, { ...settings, stripTracking: false })).toBe('Page title\nhttps://example.org/post?utm_source=rss&id=3');
  });

  it('uses the person’s template', () => {
    expect(shareText({ kind: 'page', ...base }, { ...settings, shareTemplate: '{url} ({title}) #reading' })).toBe(
      'https://example.org/post?id=3 (Page title) #reading',
    );
  });
});

describe('shareText credits the page’s author', () => {
  const settings = { shareTemplate: DEFAULT, stripTracking: true, authorCredit: 'text' } as const;
  const context: ShareContext = { kind: 'page', pageTitle: 'A page', pageUrl: 'https://example.org/a', authors: ['ann@example.social'] };
  const WJ = '\u2060';

  it('as text by default: reads "via @ann@example.social" but is no mention (a word joiner follows the @)', () => {
    const text = shareText(context, settings);
    expect(text).toBe(`A page\nhttps://example.org/a\nvia @${WJ}ann@example.social`);
    expect(text.replace(WJ, '')).toBe('A page\nhttps://example.org/a\nvia @ann@example.social');
    // Mastodon's mention pattern needs a username character right after the @.
    expect(/(?<![=/\w])@[a-z0-9_]/i.test(text)).toBe(false);
  });

  it('as a mention: the plain handle, which Mastodon links and notifies', () => {
    expect(shareText(context, { ...settings, authorCredit: 'mention' })).toBe('A page\nhttps://example.org/a\nvia @ann@example.social');
  });

  it('off: nobody is credited and the line goes', () => {
    expect(shareText(context, { ...settings, authorCredit: 'off' })).toBe('A page\nhttps://example.org/a');
  });

  it('several authors are listed in the page’s order', () => {
    expect(shareText({ ...context, authors: ['ann@a.example', 'bo@b.example'] }, { ...settings, authorCredit: 'mention' })).toBe(
      'A page\nhttps://example.org/a\nvia @ann@a.example, @bo@b.example',
    );
  });
});
