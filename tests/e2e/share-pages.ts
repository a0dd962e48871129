import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { solidPng } from '../fake-mastodon/png.ts';

/**
 * Web pages to share, on 127.0.0.1: an article naming its authors (`fediverse:creator` in
 * both the name= and property= forms, with invalid values and more than three authors) and
 * describing its card with OpenGraph; and fediverse post pages that announce their
 * ActivityPub object, as Mastodon's own post pages do.
 */
export interface SharePages {
  origin: string;
  /** The article: authors ann, bo, cy (dee is a fourth and is dropped), an OpenGraph card. */
  article: string;
  /** A fediverse post page at this path (its URL is what the test server resolves). */
  post(path: string): string;
  close(): Promise<void>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function articleHtml(origin: string): string {
  return `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Slow bread, fast friends</title>
<meta name="fediverse:creator" content="not a handle">
<meta name="fediverse:creator" content="@ann@news.example">
<meta property="fediverse:creator" content="@bo@blog.example">
<meta name="fediverse:creator" content="https://evil.example/@mallory">
<meta name="fediverse:creator" content="@cy@zine.example">
<meta name="fediverse:creator" content="@dee@late.example">
<meta property="og:title" content="Slow bread, fast friends">
<meta property="og:description" content="Why a sourdough starter is the best houseguest you will ever have.">
<meta property="og:site_name" content="The Loopback Times">
<meta property="og:image" content="${origin}/card.png">
</head><body><h1>Slow bread, fast friends</h1><p>An article.</p></body></html>`;
}

function postHtml(path: string): string {
  return `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ann: “Bread is a verb.”</title>
<link rel="alternate" type="application/activity+json" href="${escape(path.replace(/^\/@(\w+)\//, '/users/$1/statuses/'))}">
<meta property="og:title" content="Ann: “Bread is a verb.”">
<meta property="og:description" content="A post">
</head><body><p>A post</p></body></html>`;
}

export async function startSharePages(): Promise<SharePages> {
  let origin = '';
  const card = solidPng(120, 63, [200, 120, 40]);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/card.png') {
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(card);
    } else if (path === '/article') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(articleHtml(origin));
    } else if (path.startsWith('/@')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(postHtml(path));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    article: `${origin}/article`,
    post: (path) => `${origin}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
