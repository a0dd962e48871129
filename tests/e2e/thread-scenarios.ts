import assert from 'node:assert/strict';
import { connect, screenshot, type Scenario } from './harness.ts';

/** Four paragraphs: each fits the scenario's 60-character limit with its " i/4", no two together. */
const paragraphs = [
  'The first part of a long story, told in four.',
  'The second part goes on where the first stopped.',
  'The third part is where the server fails once.',
  'The fourth part ends it, posted after a retry.',
];

/** Posting a text too long for one post, as a thread. */
export const threadScenarios = {
  postThread: {
    title: 'a text too long for one post goes out as a thread of 4: a failure at part 3, the popup closed, then Post again: exactly 4 statuses, chained',
    servers: 1,
    limits: { maxCharacters: 60 },
    run: async (driver, [server]) => {
      const first = await driver.openPopup();
      await connect(driver, first, server!);
      await first.type('Post text', paragraphs.join('\n\n'));
      await first.waitFor('button', 'Post as a thread of 4');
      await first.check('Number the parts (“ 1/4”)');
      await screenshot(driver, first, 'thread-offer');

      await first.click('Post as a thread of 4');
      await first.waitFor('textbox', 'Part 4 of 4');
      for (const [i, paragraph] of paragraphs.entries()) assert.equal(await first.valueOf(`Part ${i + 1} of 4`), paragraph);
      const fourth = 'The fourth part, edited before posting.';
      await first.type('Part 4 of 4', fourth);
      await screenshot(driver, first, 'thread-parts');

      server!.setFault('POST /api/v1/statuses', { status: 503, after: 2, times: 1 });
      await first.click('Post');
      const alert = await first.waitForRole('alert');
      assert.match(alert, /HTTP 503/);
      await first.waitFor('link', 'View part 2');
      assert.equal(server!.statuses.length, 2, 'parts 1 and 2 are out');
      assert.equal(await first.isShown('link', 'View part 3'), false);
      await screenshot(driver, first, 'thread-failed');
      await first.close();

      // The draft, its parts and what is posted survive the popup closing.
      const popup = await driver.openPopup();
      await popup.waitFor('textbox', 'Part 3 of 4');
      assert.equal(await popup.valueOf('Part 4 of 4'), fourth);
      assert.equal(await popup.linkTarget('View part 1'), server!.statuses[0]!.url);
      await popup.click('Post');
      await popup.waitForText('Posted a thread of 4.');
      // The fresh draft follows the result.
      await popup.waitFor('textbox', 'Post text');
      await screenshot(driver, popup, 'thread-posted');

      const statuses = server!.statuses;
      const texts = [...paragraphs.slice(0, 3), fourth].map((text, i) => `${text} ${i + 1}/4`);
      assert.deepEqual(statuses.map((s) => s.text), texts);
      assert.deepEqual(statuses.map((s) => s.in_reply_to_id), [null, statuses[0]!.id, statuses[1]!.id, statuses[2]!.id]);
      assert.deepEqual(statuses.map((s) => s.visibility), ['public', 'unlisted', 'unlisted', 'unlisted']);
      assert.equal(server!.count('POST', '/api/v1/statuses'), 5, 'four parts and the refused attempt at part 3');
      for (const [i, status] of statuses.entries()) assert.equal(await popup.linkTarget(`View part ${i + 1}`), status.url);
      assert.equal(await popup.valueOf('Post text'), '', 'the composer starts a new post');
    },
  },
} satisfies Record<string, Scenario>;
