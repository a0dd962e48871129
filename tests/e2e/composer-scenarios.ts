import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../scripts/support/browsers.ts';
import type { FakeMastodon, Fault } from '../fake-mastodon/index.ts';
import { solidPng } from '../fake-mastodon/png.ts';
import type { Driver, PageLike } from './drivers/types.ts';
import { authorize, connect, handle, onlyStatus, screenshot, type Scenario } from './harness.ts';

/** Writes a PNG to pick in the file chooser, runs `body` with its path, and removes the file afterwards. */
async function withPng(fileName: string, body: (path: string) => Promise<void>) {
  const dir = tempDir('upload');
  try {
    const path = join(dir.path, fileName);
    writeFileSync(path, solidPng(240, 160, [214, 64, 48]));
    await body(path);
  } finally {
    dir.remove();
  }
}

/** Polls `check` until it holds (a field's value is not shown text, so waitForText cannot see it). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}


/** Clicks Post and waits for the posted notice's "View post" link. */
async function post(page: PageLike, button = 'Post') {
  await page.click(button);
  await page.waitFor('link', 'View post');
}


/**
 * Types a post and sends it while the server answers POST /api/v1/statuses with `fault`:
 * the error is explained and the draft kept; once the server has recovered, Try again
 * posts it, once.
 */
async function retriedPost(driver: Driver, server: FakeMastodon, fault: Fault, screenshotName?: string) {
  const text = 'Retrying never posts twice.';
  const popup = await driver.openPopup();
  await connect(driver, popup, server);
  server.setFault('POST /api/v1/statuses', fault);
  await popup.type('Post text', text);
  await popup.click('Post');

  const alert = await popup.waitForRole('alert');
  assert.ok(alert.includes(server.host), `the message names the instance: ${alert}`);
  await popup.waitFor('button', 'Try again');
  assert.equal(await popup.valueOf('Post text'), text, 'the draft is kept');
  if (screenshotName) await screenshot(driver, popup, screenshotName);

  server.setFault('POST /api/v1/statuses', null);
  await post(popup, 'Try again');
  const status = onlyStatus(server);
  assert.equal(status.text, text);
  assert.equal(await popup.linkTarget('View post'), status.url);
  assert.equal(await popup.isShown('button', 'Try again'), false, 'the error is gone');
  return alert;
}

/** Writing and posting in the popup's composer. */
export const composerScenarios = {
  postWithMedia: {
    title: 'a post with an image and its alt text reaches the server once',
    servers: 1,
    // The file stays until the end: a browser may read it only as it uploads.
    run: (driver, [server]) =>
      withPng('red.png', async (path) => {
        const text = 'A red rectangle, as promised.';
        const alt = 'A plain red rectangle on nothing at all';
        const popup = await driver.openPopup();
        await connect(driver, popup, server!);
        await popup.type('Post text', text);
        await popup.chooseFiles('Add media', [path]);
        await popup.waitForText('Ready');
        await popup.type('Alt text for red.png', alt);
        await screenshot(driver, popup, 'composer-media');

        await post(popup);
        await screenshot(driver, popup, 'composer-posted');
        const status = onlyStatus(server!);
        assert.equal(status.text, text);
        assert.deepEqual(status.media_attachments.map((m) => [m.type, m.description]), [['image', alt]]);
        assert.equal(server!.media.length, 1, 'one upload');
        assert.equal(await popup.linkTarget('View post'), status.url);
        assert.equal(await popup.valueOf('Post text'), '', 'the composer starts a new post');
      }),
  },

  undoRestoresDraft: {
    title: 'Undo deletes the post and brings the draft back as it was; posting again re-uses the uploaded image',
    servers: 1,
    run: (driver, [server]) =>
      withPng('undo.png', async (path) => {
        const text = 'Posted too soon, with a typo.';
        const warning = 'Second thoughts';
        const alt = 'A red rectangle, posted and taken back';
        const popup = await driver.openPopup();
        await connect(driver, popup, server!);
        await popup.check('Content warning');
        await popup.type('Content warning text', warning);
        await popup.type('Post text', text);
        await popup.chooseFiles('Add media', [path]);
        await popup.waitForText('Ready');
        await popup.type('Alt text for undo.png', alt);
        await post(popup);
        const posted = onlyStatus(server!);
        await screenshot(driver, popup, 'composer-undo-offered');

        await popup.click('Undo');
        await until(async () => (await popup.valueOf('Post text')) === text, 'the draft is back');
        assert.equal(server!.statuses.length, 0, 'the post is gone from the server');
        assert.equal(server!.count('DELETE', `/api/v1/statuses/${posted.id}`), 1);
        assert.equal(await popup.valueOf('Post text'), text);
        assert.equal(await popup.isChecked('Content warning'), true);
        assert.equal(await popup.valueOf('Content warning text'), warning);
        assert.equal(await popup.valueOf('Alt text for undo.png'), alt);
        assert.equal(await popup.isShown('link', 'View post'), false);
        await screenshot(driver, popup, 'composer-undone');

        await post(popup);
        const again = onlyStatus(server!);
        assert.deepEqual([again.text, again.spoiler_text], [text, warning]);
        assert.deepEqual(again.media_attachments.map((m) => [m.id, m.description]), [[posted.media_attachments[0]!.id, alt]]);
        assert.equal(server!.media.length, 1, 'the image was uploaded once');
      }),
  },

  editLastPost: {
    title: 'Edit from the last posts changes the text and the alt text on the server, and the post shows as edited',
    servers: 1,
    run: (driver, [server]) =>
      withPng('edit.png', async (path) => {
        const text = 'A red rectangle, posted with a typpo.';
        const fixed = 'A red rectangle, posted with a typo fixed.';
        const alt = 'A rectangle';
        const betterAlt = 'A plain red rectangle, wider than it is tall';
        const popup = await driver.openPopup();
        await connect(driver, popup, server!);
        await popup.type('Post text', text);
        await popup.chooseFiles('Add media', [path]);
        await popup.waitForText('Ready');
        await popup.type('Alt text for edit.png', alt);
        await post(popup);
        const posted = onlyStatus(server!);

        // The last posts are folded under the composer: their heading opens them.
        await popup.click('Your last posts');
        await popup.waitFor('button', `Edit “${text}”`);
        await popup.click(`Edit “${text}”`);
        await until(async () => (await popup.valueOf('New text')) === text, 'the source text is in the form');
        assert.equal(await popup.valueOf('Alt text for attachment 1'), alt);
        await popup.type('New text', fixed);
        await popup.type('Alt text for attachment 1', betterAlt);
        await screenshot(driver, popup, 'edit-form');
        await popup.click('Save');
        await popup.waitForText('Saved. The post shows as edited.');
        await popup.waitForText('Edited');
        await screenshot(driver, popup, 'edit-saved');

        const edited = onlyStatus(server!);
        assert.equal(edited.id, posted.id, 'the same post, changed in place');
        assert.equal(edited.text, fixed);
        assert.ok(edited.edited_at, 'the server marks it edited');
        assert.deepEqual(edited.media_attachments.map((m) => [m.id, m.description]), [[posted.media_attachments[0]!.id, betterAlt]]);
        assert.equal(server!.count('GET', `/api/v1/statuses/${posted.id}/source`), 1);
        assert.equal(server!.count('PUT', `/api/v1/statuses/${posted.id}`), 1);
        assert.equal(server!.media.length, 1, 'no upload for the edit');
      }),
  },

  draftSurvivesClose: {
    title: 'the draft (text and content warning) survives closing the popup',
    servers: 1,
    run: async (driver, [server]) => {
      const text = 'The butler did it.';
      const warning = 'Spoilers for the finale';
      const first = await driver.openPopup();
      await connect(driver, first, server!);
      await first.check('Content warning');
      await first.type('Content warning text', warning);
      await first.type('Post text', text);
      await first.close();

      const popup = await driver.openPopup();
      assert.equal(await popup.valueOf('Post text'), text);
      assert.equal(await popup.isChecked('Content warning'), true);
      assert.equal(await popup.valueOf('Content warning text'), warning);

      await post(popup);
      const status = onlyStatus(server!);
      assert.deepEqual([status.text, status.spoiler_text], [text, warning]);
    },
  },

  post503: {
    title: 'a 503 on posting keeps the draft, and Try again posts it once',
    servers: 1,
    run: async (driver, [server]) => {
      const alert = await retriedPost(driver, server!, { status: 503, times: 1 }, 'composer-error');
      assert.match(alert, /HTTP 503/);
      assert.equal(server!.count('POST', '/api/v1/statuses'), 2, 'the refused post and the retry');
    },
  },

  postAnswerLost: {
    title: 'a post whose answer was lost is not posted twice by Try again',
    servers: 1,
    run: async (driver, [server]) => {
      // Until cleared, not `times: 1`: Chromium itself sends a POST again (up to twice)
      // when a reused keep-alive connection closes without an answer, so a single lost
      // answer may never reach the extension.
      await retriedPost(driver, server!, { afterProcessing: true, drop: true });
      const lost = server!.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses' && r.status === 0);
      assert.ok(lost.length > 0, 'the server posted, but its answer was lost');
    },
  },

  crossPostTwoInstances: {
    title: 'cross-post to two instances: the failing one keeps its own Try again, the other posts; the retry posts once there',
    servers: 2,
    run: (driver, [a, b]) =>
      withPng('both.png', async (path) => {
        const text = 'Said once, heard on two servers.';
        const alt = 'A red rectangle, uploaded to each server';
        // The second server is the stricter one: the composer counts for it, and says so.
        b!.limits.maxCharacters = 300;
        const popup = await driver.openPopup();
        await connect(driver, popup, a!);
        await popup.click('Add account');
        await connect(driver, popup, b!, { username: 'bob' });
        const [alice, bob] = [handle('alice', a!), handle('bob', b!)];

        await popup.click('Also post as…');
        // Whichever account the composer has now, the other one is offered beside it, once
        // the choices (folded out of the popup at rest) have loaded.
        await until(async () => (await popup.isShown('checkbox', bob)) || (await popup.isShown('checkbox', alice)), 'the other account is offered');
        await popup.check((await popup.isShown('checkbox', bob)) ? bob : alice);
        await popup.waitForText(`Counting for ${b!.host}, the strictest of your 2 servers.`);
        await popup.type('Post text', text);
        await popup.chooseFiles('Add media', [path]);
        await popup.waitForText('Ready');
        await popup.type('Alt text for both.png', alt);

        b!.setFault('POST /api/v1/statuses', { status: 503 });
        await popup.click('Post');
        await popup.waitFor('button', `Try again as ${bob}`);
        assert.equal(a!.statuses.length, 1, 'the first server has its post');
        assert.equal(b!.statuses.length, 0, 'the failing server has none');
        assert.equal(await popup.linkTarget(`View post as ${alice}`), a!.statuses[0]!.url);
        assert.equal(await popup.isShown('button', `Try again as ${alice}`), false, 'only the failed account offers Try again');
        await screenshot(driver, popup, 'crosspost-one-failed');

        // The draft and each account's result survive closing the popup and the background
        // being stopped meanwhile.
        await popup.close();
        await driver.stopBackground();
        const again = await driver.openPopup();
        await again.waitFor('button', `Try again as ${bob}`);
        assert.equal(await again.valueOf('Post text'), text);

        b!.setFault('POST /api/v1/statuses', null);
        await again.click(`Try again as ${bob}`);
        await again.waitForText('Posted as every account.');
        await until(async () => (await again.valueOf('Post text')) === '', 'the fresh draft is shown');
        await screenshot(driver, again, 'crosspost-posted');
        const [onA, onB] = [onlyStatus(a!), onlyStatus(b!)];
        for (const status of [onA, onB]) {
          assert.equal(status.text, text);
          assert.deepEqual(status.media_attachments.map((m) => m.description), [alt]);
        }
        assert.equal(a!.media.length, 1, 'one upload to the first server');
        assert.equal(b!.media.length, 1, 'its own upload to the second server');
        assert.equal(a!.count('POST', '/api/v1/statuses'), 1, 'the first server was never asked again');
        assert.equal(await again.linkTarget(`View post as ${alice}`), onA.url);
        assert.equal(await again.linkTarget(`View post as ${bob}`), onB.url);
        assert.equal(await again.valueOf('Post text'), '', 'the composer starts a new post');
      }),
  },

  reconnectKeepsDraft: {
    title: 'an ended session offers Reconnect, and after signing in again the same draft posts',
    servers: 1,
    run: async (driver, [server]) => {
      const text = 'Written before the session ended.';
      const popup = await driver.openPopup();
      await connect(driver, popup, server!);
      await popup.type('Post text', text);
      server!.revokeAllTokens();
      await popup.click('Post');

      const alert = await popup.waitForRole('alert');
      assert.match(alert, /session .* has ended/i);
      const signIn = driver.waitForWindow(`${server!.origin}/oauth/authorize`);
      await popup.click(`Reconnect ${handle('alice', server!)}`);
      await authorize(await signIn);

      assert.equal(await popup.valueOf('Post text'), text, 'the same draft is back');
      await post(popup);
      assert.equal(onlyStatus(server!).text, text);
    },
  },
} satisfies Record<string, Scenario>;
