import { browser } from 'wxt/browser';

const RESUME_ALARM = 'fedipost-resume';
/** Under the 30 s after which Chrome stops an idle service worker. */
const PING_MS = 20_000;

/**
 * While uploads, processing waits or posts are under way, the background must not be
 * stopped as idle: a network wait is not an event, so Chrome would stop the worker after
 * 30 s of it. An extension API call resets that timer (Chrome ≥ 110), so one is made every
 * 20 s while — and only while — work is in flight. If the worker is stopped anyway (the
 * browser may, and a test does), the alarm wakes it within a minute, and starting up
 * resumes what was left (composer.recover): processing waits go on, cut-off uploads are
 * offered for retry, a post whose answer was lost is checked.
 */
export function keepAliveWhileBusy(): (working: boolean) => void {
  let ping: ReturnType<typeof setInterval> | undefined;
  return (working) => {
    clearInterval(ping);
    if (working) {
      ping = setInterval(() => void browser.runtime.getPlatformInfo(), PING_MS);
      void browser.alarms.create(RESUME_ALARM, { periodInMinutes: 0.5 });
    } else {
      void browser.alarms.clear(RESUME_ALARM);
    }
  };
}

/** The alarm only has to wake the worker; starting up does the rest. Registered at the top level, as wake-up events must be. */
export function listenForResumeAlarm(): void {
  browser.alarms.onAlarm.addListener(() => undefined);
}
