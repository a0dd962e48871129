import { describe, expect, it } from 'vitest';
import { cleanUrl, isShareableUrl } from '@/lib/share/clean-url';

describe('cleanUrl', () => {
  it.each([
    ['every utm_* parameter', 'https://a.example/p?utm_source=x&utm_medium=y&utm_campaign=z&utm_term=t&utm_content=c&utm_id=1', 'https://a.example/p'],
    ['utm_ in any case', 'https://a.example/p?UTM_Source=x&id=2', 'https://a.example/p?id=2'],
    ['fbclid', 'https://a.example/p?fbclid=IwAR0abc', 'https://a.example/p'],
    ['Google Ads click ids', 'https://a.example/p?gclid=1&dclid=2&gbraid=3&wbraid=4', 'https://a.example/p'],
    ['msclkid and yclid', 'https://a.example/p?msclkid=1&yclid=2', 'https://a.example/p'],
    ['Mailchimp ids', 'https://a.example/p?mc_cid=1&mc_eid=2', 'https://a.example/p'],
    ['Instagram share ids', 'https://www.instagram.com/p/xyz/?igshid=abc&igsh=def', 'https://www.instagram.com/p/xyz/'],
    ['HubSpot and Marketo', 'https://a.example/p?_hsenc=1&_hsmi=2&mkt_tok=3', 'https://a.example/p'],
    ['Twitter ref_src', 'https://a.example/p?ref_src=twsrc%5Etfw', 'https://a.example/p'],
    ['other parameters keep their order and encoding', 'https://a.example/s?q=a%20b+c&utm_source=x&flag&page=2', 'https://a.example/s?q=a%20b+c&flag&page=2'],
    ['the fragment stays', 'https://a.example/p?utm_source=x&id=1#section-2', 'https://a.example/p?id=1#section-2'],
    ['the fragment stays when the query goes', 'https://a.example/p?fbclid=1#top', 'https://a.example/p#top'],
    ['si on YouTube', 'https://youtu.be/dQw4w9WgXcQ?si=abc&t=42', 'https://youtu.be/dQw4w9WgXcQ?t=42'],
    ['si on a YouTube subdomain', 'https://music.youtube.com/watch?v=1&si=abc', 'https://music.youtube.com/watch?v=1'],
    ['si on Spotify', 'https://open.spotify.com/track/1?si=abc', 'https://open.spotify.com/track/1'],
    ['si elsewhere is an ordinary parameter', 'https://a.example/search?si=20&q=x', 'https://a.example/search?si=20&q=x'],
    ['si on a host that only ends like YouTube’s', 'https://notyoutube.com/watch?v=1&si=abc', 'https://notyoutube.com/watch?v=1&si=abc'],
    ['a + in a name is a space, as forms write it', 'https://a.example/p?f+bclid=1&utm+source=2', 'https://a.example/p?f+bclid=1&utm+source=2'],
    ['a name with broken escapes is kept as written', 'https://a.example/p?%E0%A4%A=1&utm_source=x', 'https://a.example/p?%E0%A4%A=1'],
    ['a parameter that merely contains a tracking name stays', 'https://a.example/p?myutm_source=1&fbclid_x=2', 'https://a.example/p?myutm_source=1&fbclid_x=2'],
    ['an encoded parameter name is recognised', 'https://a.example/p?utm%5Fsource=x&a=1', 'https://a.example/p?a=1'],
    ['tracking in the fragment is the page’s business', 'https://a.example/p#utm_source=x', 'https://a.example/p#utm_source=x'],
    ['a URL without tracking is returned exactly as given', 'HTTPS://A.example/p?a=1', 'HTTPS://A.example/p?a=1'],
    ['not a URL', 'not a url?utm_source=x', 'not a url?utm_source=x'],
    ['not an http URL', 'ftp://a.example/f?utm_source=x', 'ftp://a.example/f?utm_source=x'],
  ])('%s', (_, url, expected) => {
    expect(cleanUrl(url)).toBe(expected);
  });
});

describe('isShareableUrl', () => {
  it.each([
    ['https://example.org/', true],
    ['http://example.org/page', true],
    ['http://127.0.0.1:8080/', true],
    ['chrome://settings/', false],
    ['edge://favorites/', false],
    ['about:blank', false],
    ['about:newtab', false],
    ['moz-extension://0a1b/popup.html', false],
    ['chrome-extension://abcdef/options.html', false],
    ['view-source:https://example.org/', false],
    ['file:///home/me/notes.txt', false],
    ['data:text/html,<p>hi</p>', false],
    ['javascript:alert(1)', false],
    ['', false],
    ['example.org', false],
  ])('%s → %s', (url, expected) => {
    expect(isShareableUrl(url)).toBe(expected);
  });
});
