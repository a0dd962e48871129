import { browser } from 'wxt/browser';
import { applyUiLocale, t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import '@/assets/theme.css';

/**
 * Where an instance sends the person back after a sign-in in a tab. Any web page may open
 * this page (it is web-accessible), so it decides nothing: it reports the URL it was opened
 * with, and its tab, to the background, which hears only a tab that a sign-in opened and
 * then checks the answer like any other (redirect URI and `state`, lib/connect/flow.ts)
 * before exchanging the code with its PKCE verifier. The token never comes near this page.
 */
const answer = location.href;
// The code is single-use, but it has no reason to stay in the tab's history either.
history.replaceState(null, '', location.pathname);
applyUiLocale();
document.title = t('signInTabTitle');
const status = document.getElementById('status')!;
status.textContent = t('signInTabWorking');

async function report(): Promise<boolean> {
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  return sendMessage('signInRedirected', { url: answer, tabId: tab?.id ?? null }).catch(() => false);
}

// Heard: the background closes this tab and the popup shows the outcome. Not heard: no
// sign-in waits on this tab (it was cancelled, timed out, or the browser restarted).
void report().then((heard) => {
  status.textContent = t(heard ? 'signInTabDone' : 'signInTabStale');
});
