// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { readPageMetaInPage } from '@/lib/share/page-meta';

/** The shared page's markup: what the injected reader finds in the document. */
function page(head: string, body = '') {
  document.head.innerHTML = head;
  document.body.innerHTML = body;
}
afterEach(() => page(''));

describe('readPageMetaInPage: what the injected reader takes from the shared page', () => {
  it('the authors, the card (og: and twitter:) and the ActivityPub link', () => {
    page(`
      <meta name="fediverse:creator" content="@ann@news.example">
      <meta property="og:title" content="A story">
      <meta name="twitter:card" content="summary">
      <meta name="description" content="not a card tag">
      <meta charset="utf-8">
      <link rel="alternate" type="application/activity+json" href="https://news.example/ap/1">`);
    expect(readPageMetaInPage()).toEqual({
      creators: ['@ann@news.example'],
      card: { 'og:title': 'A story', 'twitter:card': 'summary' },
      activityPub: 'https://news.example/ap/1',
    });
  });

  it('reads `property` before `name`, names in any case and spacing', () => {
    page(`
      <meta property=" OG:Title " name="twitter:title" content="By property">
      <meta name="FEDIVERSE:CREATOR" content="@bob@news.example">`);
    expect(readPageMetaInPage()).toEqual({ creators: ['@bob@news.example'], card: { 'og:title': 'By property' }, activityPub: null });
  });

  it('keeps the first value of each card tag, and a tag without content as empty', () => {
    page(`
      <meta property="og:title" content="First">
      <meta property="og:title" content="Second">
      <meta property="og:description">`);
    expect(readPageMetaInPage().card).toEqual({ 'og:title': 'First', 'og:description': '' });
  });

  it('meta tags in the body count too; the ActivityPub link also among other rel values', () => {
    page('', `<meta property="og:site_name" content="News"><link rel="nofollow alternate" type="application/activity+json" href="/ap/2">`);
    expect(readPageMetaInPage()).toMatchObject({ card: { 'og:site_name': 'News' }, activityPub: '/ap/2' });
  });

  it('an alternate link of another type is no ActivityPub link, nor one without rel alternate', () => {
    page(`
      <link rel="alternate" type="application/rss+xml" href="/feed">
      <link rel="canonical" type="application/activity+json" href="/x">`);
    expect(readPageMetaInPage().activityPub).toBeNull();
  });

  it('a hostile page gets at most 20 creators and 2000 characters per value', () => {
    const creators = Array.from({ length: 25 }, (_, i) => `<meta name="fediverse:creator" content="@u${i}@news.example">`).join('');
    const long = 'x'.repeat(2500);
    page(`${creators}<meta property="og:title" content="${long}"><link rel="alternate" type="application/activity+json" href="https://news.example/${long}">`);
    const raw = readPageMetaInPage();
    expect(raw.creators).toHaveLength(20);
    expect(raw.creators.at(-1)).toBe('@u19@news.example');
    expect(raw.card['og:title']).toHaveLength(2000);
    expect(raw.activityPub).toHaveLength(2000);
  });

  it('an ActivityPub link without href reads as empty', () => {
    page(`<link rel="alternate" type="application/activity+json">`);
    expect(readPageMetaInPage().activityPub).toBe('');
  });
});
