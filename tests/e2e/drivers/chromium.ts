import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, snapshotExtension, tempDir } from '../../../scripts/lib/browsers.ts';
import { startTripwire } from '../../../scripts/lib/tripwire.ts';
import { PageBase } from './shared.ts';
import { DEFAULT_TIMEOUT_MS, POPUP_VIEWPORT, type Driver } from './types.ts';

class ChromiumPage extends PageBase {
  protected readonly browserName = 'chromium';
  private readonly page: Page;
  constructor(page: Page) {
    super();
    this.page = page;
  }

  protected inPage<A, R>(fn: (arg: A) => R, arg: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R, arg);
  }

  protected capture() {
    return this.page.screenshot({ fullPage: true });
  }

  async type(label: string, text: string) {
    const field = this.page.getByRole('textbox', { name: label, exact: true });
    await field.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await field.pressSequentially(text);
  }

  async click(button: string) {
    // A click may close its own window (the sign-in page redirects away): don't wait for
    // a navigation to settle afterwards.
    await this.page.getByRole('button', { name: button, exact: true }).click({ noWaitAfter: true });
  }

  async press(key: string) {
    await this.page.keyboard.press(key);
  }

  valueOf(label: string) {
    return this.page.getByRole('textbox', { name: label, exact: true }).inputValue();
  }

  async waitFor(role: 'textbox' | 'button', name: string, timeoutMs = DEFAULT_TIMEOUT_MS) {
    try {
      await this.page.getByRole(role, { name, exact: true }).waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      throw await this.notShown(`${role} "${name}"`, timeoutMs);
    }
  }

  close() {
    return this.page.close();
  }
}

export async function startChromium(builtExtensionDir: string): Promise<Driver> {
  const profile = tempDir('chromium');
  const tripwire = await startTripwire();
  let context: BrowserContext;
  let extensionId: string;
  try {
    ({ context, extensionId } = await launchChromium({
      extensionDir: snapshotExtension(builtExtensionDir, profile.path),
      userDataDir: `${profile.path}/profile`,
      headless: true,
      proxy: tripwire.hostPort,
    }));
  } catch (error) {
    await tripwire.close();
    profile.remove();
    throw error;
  }
  // Playwright's own 30 s default would let a missing element hang a scenario for long.
  context.setDefaultTimeout(DEFAULT_TIMEOUT_MS);

  return {
    browser: 'chromium',
    redirectHost: `${extensionId}.chromiumapp.org`,
    async openPopup() {
      const page = await context.newPage();
      await page.setViewportSize(POPUP_VIEWPORT);
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return new ChromiumPage(page);
    },
    async waitForWindow(urlPrefix, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const page = await context.waitForEvent('page', { timeout: timeoutMs });
      await page.waitForURL((url) => url.href.startsWith(urlPrefix), { timeout: timeoutMs });
      await page.waitForLoadState('domcontentloaded');
      return new ChromiumPage(page);
    },
    outsideAttempts: () => [...tripwire.attempts],
    async close() {
      await context.close();
      await tripwire.close();
      profile.remove();
    },
  };
}
