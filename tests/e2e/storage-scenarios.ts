import assert from 'node:assert/strict';
import { connect, handle, screenshot, type Scenario } from './harness.ts';

/** Stored data damaged under the running extension, in both browsers. */
export const storageScenarios = {
  corruptedStorage: {
    title: 'corrupted storage: the popup, a compose window and the options page open, say what was set aside, and offer the draft back',
    servers: 2,
    run: async (driver, [first, second]) => {
      const popup = await driver.openPopup();
      await connect(driver, popup, first!);
      await popup.click('Add account');
      await connect(driver, popup, second!, { username: 'bob' });
      await popup.close();

      const stored = await driver.readStorage();
      const state = stored.accounts as { accounts: Array<Record<string, unknown>>; defaultAccountId: string };
      const [alice, bob] = state.accounts;
      await driver.writeStorage({
        // bob's token of the wrong type: he is set aside, alice stays.
        accounts: { ...state, accounts: [alice, { ...bob, token: 42 }] },
        // One registration cut off mid-write (a truncated JSON string), the other fine.
        registrations: Object.fromEntries(
          Object.entries(stored.registrations as Record<string, unknown>).map(([key, value], index) => [
            key,
            index === 0 ? value : '{"key":"http://127.0.0.1',
          ]),
        ),
        // The popup's draft as a truncated JSON string; a share draft of the wrong type.
        drafts: {
          popup: '{"idempotencyKey":"k1","text":"Words I typed before the crash',
          'share-x': null,
        },
        instances: 'garbage',
        settings: 7,
      });

      const reopened = await driver.openPopup();
      await reopened.waitForText("Some saved data couldn't be read");
      await reopened.waitForText(`The account ${handle('bob', second!)} couldn't be read and was removed.`);
      assert.equal(
        await reopened.valueOf('Recovered words'),
        '{"idempotencyKey":"k1","text":"Words I typed before the crash',
        'the damaged draft is offered back in full',
      );
      // The composer works: alice posts a new draft.
      await reopened.type('Post text', 'Posted after the damage');
      await reopened.click('Post');
      await reopened.waitFor('link', 'View post');
      assert.equal(first!.statuses.length, 1, 'alice posted exactly once');
      assert.equal(first!.statuses[0]!.text, 'Posted after the damage');
      await screenshot(driver, reopened, 'corrupted-storage-popup');

      // A compose window (share from the context menu) opens with its text and the note.
      const compose = driver.waitForWindow(`${driver.extensionOrigin}/compose.html?draft=share-`);
      await driver.clickContextMenu(
        { menuItemId: 'share:selection', selectionText: 'Shared after the damage', pageUrl: 'https://news.example/a' },
        { id: 7, title: 'A page', url: 'https://news.example/a' },
      );
      const window = await compose;
      await window.waitForText("Some saved data couldn't be read");
      assert.ok((await window.valueOf('Post text')).includes('Shared after the damage'), 'the shared text is in the composer');
      await screenshot(driver, window, 'corrupted-storage-compose');

      const options = await driver.openOptions();
      await options.waitForText("Some saved data couldn't be read");
      await options.waitForText(`The saved app registration for`);
      await options.waitForText(handle('alice', first!));
      await screenshot(driver, options, 'corrupted-storage-options');

      // A dismissed note stays dismissed.
      await options.click(
        "Dismiss: A draft couldn't be read, so it was set aside and the composer starts afresh. Its words are below: copy them to keep them.",
      );
      const again = await driver.openPopup();
      await again.waitFor('textbox', 'Post text');
      await again.waitForText("Some saved data couldn't be read");
      assert.equal(await again.isShown('textbox', 'Recovered words'), false, 'the dismissed draft note is gone');
    },
  },
} satisfies Record<string, Scenario>;
