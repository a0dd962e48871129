import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from '../../scripts/support/paths.ts';
import type { FakeMastodon } from '../fake-mastodon/index.ts';
import type { Driver, PageLike } from './drivers/types.ts';
import { handle, screenshot, type Scenario } from './harness.ts';

const PASSWORD = 'correct horse battery staple';

/** From the connect view: types the server, "Create an account", and reads what it says. */
async function startSignUp(popup: PageLike, server: FakeMastodon) {
  await popup.type('Instance', server.origin);
  await popup.click('Create an account');
  await popup.click('Continue');
  await popup.waitForText(`Join ${server.host}`);
}

/** Fills the form as a person would and sends it. */
async function fillAndSubmit(popup: PageLike, server: FakeMastodon, username: string, email = `${username}@example.com`) {
  await popup.type('Username', username);
  await popup.type('Email', email);
  await popup.typeSecret('Password', PASSWORD);
  await popup.check(`I agree to the rules of ${server.host}, its terms of service and its privacy policy`);
  await popup.click('Create account');
}

/** The test server's test-only endpoints: the person clicking the link; the staff approving. */
async function testEndpoint(server: FakeMastodon, username: string, action: 'confirm' | 'approve') {
  const response = await fetch(`${server.origin}/_test/accounts/${username}/${action}`, { method: 'POST' });
  assert.equal(response.status, 200, `${action} ${username}`);
}

/** The server's requests of one sign-up, method, path and status, for the record (no bodies: they hold the password). */
function saveRequestLog(driver: Driver, server: FakeMastodon) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const lines = server.requests.map((r) => {
    const locale = r.path === '/api/v1/accounts' && r.method === 'POST' ? ` (locale ${String(r.body?.locale ?? 'none')})` : '';
    return `${r.method} ${r.path}${locale} → ${r.status}`;
  });
  writeFileSync(join(ARTIFACTS, `${driver.browser}-signup-request-log.txt`), `${lines.join('\n')}\n`);
}

/** The statuses POST /api/v1/accounts answered, in order. */
function accountAnswers(server: FakeMastodon): number[] {
  return server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/accounts').map((r) => r.status);
}

async function postFrom(popup: PageLike, server: FakeMastodon, username: string, text: string) {
  await popup.waitFor('textbox', 'Post text');
  await popup.waitForText(handle(username, server));
  await popup.type('Post text', text);
  await popup.click('Post');
  await popup.waitFor('link', 'View post');
  assert.deepEqual(
    server.statuses.map((s) => [s.account.username, s.text]),
    [[username, text]],
  );
}

/** Creating an account from the popup, waiting for it, then posting from it. */
export const signUpScenarios = {
  openServer: {
    title: 'sign up on an open server, "check your email", confirm, reopen: the composer posts',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await popup.waitFor('button', 'Create an account');
      await startSignUp(popup, server!);
      await popup.waitForText('Be kind.');
      await screenshot(driver, popup, 'signup-1-open-server-form');
      await fillAndSubmit(popup, server!, 'carol');

      await popup.waitForText('Check your email');
      await popup.waitForText('carol@example.com');
      await screenshot(driver, popup, 'signup-2-check-your-email');
      // The browser's locale (say en-US, which Mastodon doesn't have) may take a retry: one account all the same.
      assert.deepEqual(accountAnswers(server!).filter((status) => status === 200), [200], 'one account created');
      assert.ok(server!.apps[0]!.scopes.includes('write:accounts'), 'the app was registered with write:accounts');
      const sent = JSON.stringify(server!.requests.filter((r) => r.path !== '/api/v1/accounts'));
      assert.ok(!sent.includes(PASSWORD), 'the password went to POST /api/v1/accounts only');

      await testEndpoint(server!, 'carol', 'confirm');
      await popup.close();
      const reopened = await driver.openPopup();
      await reopened.waitFor('textbox', 'Post text');
      await screenshot(driver, reopened, 'signup-3-confirmed-composer');
      await postFrom(reopened, server!, 'carol', 'Hello from my brand-new account!');
      assert.equal(server!.count('GET', '/oauth/authorize'), 0, 'never signed in again');
      saveRequestLog(driver, server!);
    },
  },

  takenUsername: {
    title: 'a taken username is marked on its field, what was typed stays, and the fixed form goes through',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await startSignUp(popup, server!);
      await fillAndSubmit(popup, server!, 'alice', 'newcomer@example.com');
      assert.match(await popup.waitForRole('alert'), /didn't accept some of what you typed/);
      await popup.waitForText('This username is taken. Try another one.');
      await screenshot(driver, popup, 'signup-4-username-taken');
      assert.equal(await popup.valueOf('Username'), 'alice');
      assert.equal(await popup.valueOf('Email'), 'newcomer@example.com');

      await popup.type('Username', 'newcomer');
      await popup.click('Create account');
      await popup.waitForText('Check your email');
      const answers = accountAnswers(server!);
      assert.equal(answers[0], 422, 'the taken username was refused');
      assert.deepEqual(answers.filter((status) => status === 200), [200], 'then one account was created');
    },
  },

  approvalServer: {
    title: 'a server needing approval asks for a reason and waits until the staff approve',
    servers: 1,
    run: async (driver, [server]) => {
      server!.setSignUps({ mode: 'approval', reasonRequired: true });
      const popup = await driver.openPopup();
      await startSignUp(popup, server!);
      await popup.waitFor('textbox', 'Why do you want to join?');
      await popup.type('Why do you want to join?', 'I photograph moss and want to share it.');
      await screenshot(driver, popup, 'signup-5-approval-form-with-reason');
      await fillAndSubmit(popup, server!, 'dana');
      await popup.waitForText('Check your email');

      await testEndpoint(server!, 'dana', 'confirm');
      await popup.close();
      const waiting = await driver.openPopup();
      await waiting.waitForText('Waiting for approval');
      await screenshot(driver, waiting, 'signup-6-waiting-for-approval');
      assert.equal(await waiting.isShown('textbox', 'Post text'), false, 'no composer before approval');

      await testEndpoint(server!, 'dana', 'approve');
      await waiting.click('Check again');
      await postFrom(waiting, server!, 'dana', 'Approved at last.');
    },
  },

  closedServer: {
    title: 'a closed server shows its message and offers Connect',
    servers: 1,
    run: async (driver, [server]) => {
      server!.setSignUps({ mode: 'closed', message: '<p>We are full for now.</p><p>Ask a member for an invite.</p>' });
      const popup = await driver.openPopup();
      await startSignUp(popup, server!);
      await popup.waitForText(`${server!.host} isn't taking new accounts right now.`);
      await popup.waitForText('We are full for now.');
      await popup.waitFor('button', `Connect an account on ${server!.host}`);
      assert.equal(await popup.isShown('textbox', 'Username'), false, 'no form');
      await screenshot(driver, popup, 'signup-7-closed-server');
    },
  },

  refusesAppSignUps: {
    title: 'a server refusing app sign-ups (GoToSocial) opens its own sign-up page and offers Connect',
    servers: 1,
    dialect: 'gotosocial',
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await startSignUp(popup, server!);
      await popup.type('Why do you want to join?', 'Hello!');
      const ownPage = driver.waitForWindow(`${server!.origin}/signup`);
      await fillAndSubmit(popup, server!, 'erin');
      await ownPage;
      assert.match(await popup.waitForRole('alert'), /doesn't let apps create accounts/);
      await popup.waitFor('button', `Connect an account on ${server!.host}`);
      await screenshot(driver, popup, 'signup-8-app-sign-ups-refused');
    },
  },
} satisfies Record<string, Scenario>;
