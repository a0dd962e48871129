import assert from 'node:assert/strict';
import type { FakeMastodon } from '../fake-mastodon/index.ts';
import type { QuoteApprovalEntity } from '../fake-mastodon/types.ts';
import type { Driver, PageLike } from './drivers/types.ts';
import { connect, screenshot, type Scenario } from './harness.ts';
import { startSharePages, type SharePages } from './share-pages.ts';

/** What credit "as text" writes after each @: a word joiner, so Mastodon makes no mention of it. */
const WJ = '\u2060';
const ARTICLE_TITLE = 'Slow bread, fast friends';
const POST_TITLE = 'Ann: “Bread is a verb.”';

/** Waits until the text box holds `expected` (a click's edit renders at once, but not synchronously). */
async function waitForValue(page: PageLike, label: string, expected: string) {
  const deadline = performance.now() + 5000;
  let value = await page.valueOf(label);
  while (value !== expected && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await page.valueOf(label);
  }
  assert.equal(value, expected);
}

/** Connects alice, opens `url` in a tab and shares it as a person does; returns the compose window. */
async function share(driver: Driver, server: FakeMastodon, url: string): Promise<PageLike> {
  const popup = await driver.openPopup();
  await connect(driver, popup, server);
  await driver.openPage(url);
  return driver.shareFrontPage();
}

/** What alice posted, as the server stored it. */
const posted = (server: FakeMastodon) => server.statuses.filter((s) => s.account.username === 'alice');

async function withPages(run: (pages: SharePages) => Promise<void>) {
  const pages = await startSharePages();
  try {
    await run(pages);
  } finally {
    await pages.close();
  }
}

function remotePost(server: FakeMastodon, pages: SharePages, path: string, quoteApproval: QuoteApprovalEntity) {
  const url = pages.post(path);
  const id = server.addRemotePost({ url, author: 'ann@news.example', displayName: 'Ann', text: 'Bread is a verb.', quoteApproval });
  return { url, id };
}

/**
 * Sharing a real page from a tab: its fediverse:creator credited, a fediverse post quoted
 * (Mastodon 4.5) or shared as a link when it can't be, and its link card previewed.
 */
export const sharePageScenarios = {
  creditAuthor: {
    title: 'sharing a page that names its authors: "via @author" in the text, switched to a mention, posted',
    servers: 1,
    run: (driver, [server]) =>
      withPages(async (pages) => {
        const compose = await share(driver, server!, pages.article);
        // name= and property= forms; "not a handle" and a URL skipped; the fourth author dropped.
        await compose.waitForText('The page names its authors: @ann@news.example, @bo@blog.example, @cy@zine.example');
        const asText = `${ARTICLE_TITLE}\n${pages.article}\nvia @${WJ}ann@news.example, @${WJ}bo@blog.example, @${WJ}cy@zine.example`;
        await waitForValue(compose, 'Post text', asText);
        await compose.waitForText('Written as text: they are not notified.');

        await compose.click('Mention');
        const mentioned = `${ARTICLE_TITLE}\n${pages.article}\nvia @ann@news.example, @bo@blog.example, @cy@zine.example`;
        await waitForValue(compose, 'Post text', mentioned);
        await compose.waitForText('A mention: they get a notification.');
        await screenshot(driver, compose, 'share-credit-mention');

        await compose.click('Post');
        await compose.waitFor('link', 'View post');
        assert.deepEqual(posted(server!).map((s) => s.text), [mentioned]);
      }),
  },

  quotePost: {
    title: 'sharing a fediverse post: "Quote" is offered, and the post goes out with quoted_status_id',
    servers: 1,
    run: (driver, [server]) =>
      withPages(async (pages) => {
        const post = remotePost(server!, pages, '/@ann/1', { automatic: ['public'], manual: [], current_user: 'automatic' });
        const compose = await share(driver, server!, post.url);
        await compose.waitFor('checkbox', 'Quote');
        await waitForValue(compose, 'Post text', `${POST_TITLE}\n${post.url}`);

        await compose.check('Quote');
        // The quote shows the post itself: its link leaves the text.
        await waitForValue(compose, 'Post text', POST_TITLE);
        await compose.waitForText('Bread is a verb.');
        await compose.waitForText("A quote can't carry media or a poll.");
        await screenshot(driver, compose, 'share-quote');

        await compose.click('Post');
        await compose.waitFor('link', 'View post');
        const [status] = posted(server!);
        assert.equal(status?.text, POST_TITLE);
        assert.equal(status?.quoted_status_id, post.id);
        assert.equal(status?.quote?.state, 'accepted');
      }),
  },

  deniedQuote: {
    title: 'sharing a post its author lets only followers quote: the reason is shown, and it is posted as a link',
    servers: 1,
    run: (driver, [server]) =>
      withPages(async (pages) => {
        const post = remotePost(server!, pages, '/@ann/2', { automatic: ['followers'], manual: [], current_user: 'denied' });
        const compose = await share(driver, server!, post.url);
        await compose.waitForText('Only followers can quote this post.');
        await compose.waitForText('It is shared as a link.');
        assert.equal(await compose.isShown('checkbox', 'Quote'), false, 'no Quote offered');
        await screenshot(driver, compose, 'share-quote-denied');

        await compose.click('Post');
        await compose.waitFor('link', 'View post');
        const [status] = posted(server!);
        assert.equal(status?.text, `${POST_TITLE}\n${post.url}`);
        assert.equal(status?.quoted_status_id, null);
      }),
  },

  cardPreview: {
    title: 'the link card preview comes from the page’s own OpenGraph tags, and can be removed for this post',
    servers: 1,
    run: (driver, [server]) =>
      withPages(async (pages) => {
        const compose = await share(driver, server!, pages.article);
        await compose.waitForText('Preview (the server makes the final card)');
        await compose.waitForText('The Loopback Times');
        await compose.waitForText('Why a sourdough starter is the best houseguest you will ever have.');
        await compose.waitForText('More from @ann@news.example');
        await screenshot(driver, compose, 'share-card-preview');

        await compose.click('Remove preview');
        await compose.waitFor('button', 'Put the link back');
        assert.equal((await compose.valueOf('Post text')).includes(pages.article), false, 'the link left the text');
        await compose.click('Put the link back');
        await compose.waitFor('button', 'Remove preview');
        assert.equal((await compose.valueOf('Post text')).includes(pages.article), true);
      }),
  },
} satisfies Record<string, Scenario>;
