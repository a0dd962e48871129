import assert from 'node:assert/strict';
import { authorize, connect, handle, screenshot, type Scenario } from './harness.ts';

async function waitUntil(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the test server');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Connecting accounts in the popup, through the instance's real sign-in window. */
export const connectScenarios = {
  firstConnect: {
    title: 'first connect through the real sign-in window shows @alice@host',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await popup.waitFor('textbox', 'Instance');
      await popup.waitFor('button', 'Connect');
      await screenshot(driver, popup, 'empty');

      await popup.type('Instance', server!.origin);
      const signIn = driver.waitForWindow(`${server!.origin}/oauth/authorize`);
      await popup.click('Connect');
      const window = await signIn;
      // While the person signs in, the popup says so.
      assert.match(await popup.waitForRole('status'), /sign in/i);
      await window.click('Authorize');
      await popup.waitForText(handle('alice', server!));
      await screenshot(driver, popup, 'connected');
      assert.equal(server!.count('POST', '/api/v1/apps'), 1, 'one app registration');
    },
  },

  reopenAndSecondAccount: {
    title: 'reopened popup is still connected; a second account on the same instance reuses the app',
    servers: 1,
    run: async (driver, [server]) => {
      const first = await driver.openPopup();
      await connect(driver, first, server!);
      await first.close();

      const popup = await driver.openPopup();
      await popup.waitForText(handle('alice', server!));
      await popup.click('Add account');
      await connect(driver, popup, server!, { username: 'bob' });
      await popup.waitForText(handle('alice', server!));
      assert.equal(server!.count('POST', '/api/v1/apps'), 1, 'bob signs in with the app registered for alice');
    },
  },

  deletedAppHeals: {
    title: 'the server deleted the cached app: the sign-in heals with one new app and one more window',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await connect(driver, popup, server!);
      server!.deleteApps();

      await popup.click('Add account');
      await popup.type('Instance', server!.origin);
      const firstWindow = driver.waitForWindow(`${server!.origin}/oauth/authorize`);
      await popup.click('Connect');
      let signIn = await firstWindow;
      // Chrome ends the flow by itself when the page answers an HTTP error (the person
      // never sees it); Firefox shows the server's error page until the person closes it.
      if (/unknown client/i.test(await signIn.visibleText())) {
        await signIn.close();
        // The window for the app registered anew (the closed one may linger in the list).
        await waitUntil(() => server!.apps.length === 1);
        signIn = await driver.waitForWindow(`${server!.origin}/oauth/authorize?response_type=code&client_id=${server!.apps[0]!.clientId}&`);
      }
      await authorize(signIn, 'bob');
      await popup.waitForText(handle('bob', server!));
      await popup.waitForText(handle('alice', server!));
      assert.equal(server!.count('POST', '/api/v1/apps'), 2, 'one new registration');
      const pages = server!.requests.filter((r) => r.method === 'GET' && r.path === '/oauth/authorize').map((r) => r.status);
      // Firefox loads each sign-in page twice: repeats of one page count once.
      const windows = pages.filter((status, i) => status !== pages[i - 1]);
      assert.deepEqual(windows, [200, 400, 200], 'alice, the error page for the deleted app, bob');
    },
  },

  cancelledSignIn: {
    title: 'closing the sign-in window says "cancelled" and the popup still connects',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await popup.type('Instance', server!.origin);
      const signIn = driver.waitForWindow(`${server!.origin}/oauth/authorize`);
      await popup.click('Connect');
      await (await signIn).close();

      const alert = await popup.waitForRole('alert');
      assert.match(alert, /cancelled/i);
      await screenshot(driver, popup, 'error-cancelled');
      assert.ok(!(await popup.visibleText()).includes(handle('alice', server!)), 'nothing was connected');

      await connect(driver, popup, server!);
    },
  },

  registration503: {
    title: 'a 503 on app registration is explained, and connecting works once the server recovers',
    servers: 1,
    run: async (driver, [server]) => {
      server!.setFault('POST /api/v1/apps', { status: 503 });
      const popup = await driver.openPopup();
      await popup.type('Instance', server!.origin);
      await popup.click('Connect');

      const alert = await popup.waitForRole('alert');
      assert.match(alert, /refused/i);
      assert.ok(alert.includes(server!.host), `the message names the instance: ${alert}`);
      await screenshot(driver, popup, 'error-registration');
      assert.equal(await popup.valueOf('Instance'), server!.origin, 'what was typed is kept');

      server!.setFault('POST /api/v1/apps', null);
      const signIn = driver.waitForWindow(`${server!.origin}/oauth/authorize`);
      await popup.click('Connect');
      await (await signIn).click('Authorize');
      await popup.waitForText(handle('alice', server!));
    },
  },

  secondInstance: {
    title: 'accounts on two instances are listed together',
    servers: 2,
    run: async (driver, [one, two]) => {
      const popup = await driver.openPopup();
      await connect(driver, popup, one!);
      await popup.click('Add account');
      await connect(driver, popup, two!, { submitWith: 'Enter' });
      await popup.waitForText(handle('alice', one!));
      await screenshot(driver, popup, 'two-instances');
      assert.equal(one!.count('POST', '/api/v1/apps'), 1);
      assert.equal(two!.count('POST', '/api/v1/apps'), 1);
    },
  },
} satisfies Record<string, Scenario>;
