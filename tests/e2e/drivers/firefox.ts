import { createHash } from 'node:crypto';
import type { Browser, KeyInput, Page } from 'puppeteer-core';
import { FIREFOX_ADDON_ID, launchFirefox, snapshotExtension, tempDir } from '../../../scripts/support/browsers.ts';
import { startTripwire } from '../../../scripts/support/tripwire.ts';
import { PageBase } from './shared.ts';
import { DEFAULT_TIMEOUT_MS, POPUP_VIEWPORT, type Driver, type Role } from './types.ts';

/** puppeteer's ARIA query: the element with this role and exact accessible name. */
function aria(role: string, name: string): string {
  return `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`;
}

class FirefoxPage extends PageBase {
  protected readonly browserName = 'firefox';
  private readonly page: Page;
  constructor(page: Page) {
    super();
    this.page = page;
    // puppeteer's own 30 s default would let a missing element hang a scenario for long.
    page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
  }

  protected inPage<A, R>(fn: (arg: A) => R, arg: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>;
  }

  protected async capture() {
    return Buffer.from(await this.page.screenshot({ fullPage: true }));
  }

  async type(label: string, text: string) {
    const field = await this.page.waitForSelector(aria('textbox', label), { visible: true });
    await field!.click();
    await this.page.keyboard.down('Control');
    await this.page.keyboard.press('KeyA');
    await this.page.keyboard.up('Control');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.type(text);
  }

  async click(button: string) {
    const element = await this.page.waitForSelector(aria('button', button), { visible: true });
    await element!.click();
  }

  async check(checkbox: string) {
    if (await this.isChecked(checkbox)) return;
    const element = await this.page.waitForSelector(aria('checkbox', checkbox), { visible: true });
    await element!.click();
    if (!(await this.isChecked(checkbox))) throw new Error(`clicking the checkbox "${checkbox}" did not tick it`);
  }

  async isChecked(checkbox: string) {
    const element = await this.page.waitForSelector(aria('checkbox', checkbox));
    return element!.evaluate((input) => (input as HTMLInputElement).checked);
  }

  /**
   * Firefox (153 ESR) reports no file dialog opened by an extension page over WebDriver
   * BiDi (`input.fileDialogOpened` never comes, so `waitForFileChooser` times out), though
   * it does for web pages. So the files go where the dialog would put them: into the
   * page's file input, behind the button, which must be there to click.
   */
  async chooseFiles(button: string, paths: string[]) {
    const element = await this.page.waitForSelector(aria('button', button), { visible: true });
    if (await element!.evaluate((b) => (b as HTMLButtonElement).disabled)) throw new Error(`the button "${button}" is disabled`);
    const inputs = await this.page.$$('input[type="file"]');
    if (inputs.length !== 1) throw new Error(`expected one file input behind "${button}", found ${inputs.length}`);
    await inputs[0]!.uploadFile(...paths);
  }

  async press(key: string) {
    await this.page.keyboard.press(key as KeyInput);
  }

  async valueOf(label: string) {
    const field = await this.page.waitForSelector(aria('textbox', label));
    return field!.evaluate((element) => (element as HTMLInputElement).value);
  }

  async isShown(role: Role, name: string) {
    const element = await this.page.$(aria(role, name));
    return (await element?.isVisible()) ?? false;
  }

  async linkTarget(link: string) {
    const element = await this.page.waitForSelector(aria('link', link));
    return element!.evaluate((a) => (a as HTMLAnchorElement).href);
  }

  async waitFor(role: Role, name: string, timeoutMs = DEFAULT_TIMEOUT_MS) {
    try {
      await this.page.waitForSelector(aria(role, name), { visible: true, timeout: timeoutMs });
    } catch {
      throw await this.notShown(`${role} "${name}"`, timeoutMs);
    }
  }

  close() {
    return this.page.close();
  }
}

/**
 * puppeteer's `page.goto` waits for network events that Firefox does not report for
 * moz-extension:// documents, so it times out although the page loaded. The BiDi
 * navigate command it wraps, asked to wait for "complete", returns when the page is
 * loaded.
 */
async function navigateToExtensionPage(page: Page, url: string): Promise<void> {
  const context = (page.mainFrame() as unknown as { browsingContext?: { navigate(url: string, wait: 'complete'): Promise<void> } })
    .browsingContext;
  if (!context) throw new Error('puppeteer-core no longer exposes the frame’s BiDi browsing context; revisit navigateToExtensionPage');
  await context.navigate(url, 'complete');
}

export async function startFirefox(builtExtensionDir: string): Promise<Driver> {
  const workDir = tempDir('firefox');
  const tripwire = await startTripwire();
  let browser: Browser;
  let extensionOrigin: string;
  try {
    ({ browser, extensionOrigin } = await launchFirefox({
      extensionDir: snapshotExtension(builtExtensionDir, workDir.path),
      headless: true,
      proxyPort: tripwire.port,
    }));
  } catch (error) {
    await tripwire.close();
    workDir.remove();
    throw error;
  }

  return {
    browser: 'firefox',
    // Firefox derives the redirect host from the add-on id.
    redirectHost: `${createHash('sha1').update(FIREFOX_ADDON_ID).digest('hex')}.extensions.allizom.org`,
    async openPopup() {
      const page = await browser.newPage();
      await page.setViewport(POPUP_VIEWPORT);
      await navigateToExtensionPage(page, `${extensionOrigin}/popup.html`);
      return new FirefoxPage(page);
    },
    async openOptions() {
      const page = await browser.newPage();
      await navigateToExtensionPage(page, `${extensionOrigin}/options.html`);
      return new FirefoxPage(page);
    },
    async waitForWindow(urlPrefix, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const target = await browser.waitForTarget((t) => t.type() === 'page' && t.url().startsWith(urlPrefix), {
        timeout: timeoutMs,
      });
      const page = await target.page();
      if (!page) throw new Error(`the window at ${target.url()} has no page`);
      return new FirefoxPage(page);
    },
    outsideAttempts: () => [...tripwire.attempts],
    async close() {
      await browser.close();
      await tripwire.close();
      workDir.remove();
    },
  };
}
