import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, migrateSettingsV1, parseSettings, type Settings } from '@/lib/settings';
import { settingsItem } from '@/utils/settings-item';

const mine: Settings = {
  shareTemplate: '{title} {url}',
  defaultVisibility: 'unlisted',
  defaultLanguage: 'de',
  defaultLocalOnly: true,
  defaultFormat: 'text/markdown',
  stripTracking: false,
  counterStyle: 'used',
  undoSeconds: 10,
  altTextReminder: false,
  authorCredit: 'mention',
  crosspostDefault: ['bob@other.example'],
};

describe('migrateSettingsV1', () => {
  it('carries the template and the utm choice over, and defaults the rest', () => {
    expect(migrateSettingsV1({ template: '{url}', stripUtm: false })).toEqual({ ...DEFAULT_SETTINGS, shareTemplate: '{url}', stripTracking: false });
  });

  it('defaults what v1 never stored or stored damaged', () => {
    expect(migrateSettingsV1({ stripUtm: true })).toEqual({ ...DEFAULT_SETTINGS, stripTracking: true });
    expect(migrateSettingsV1({ template: 42 })).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettingsV1('junk')).toEqual(DEFAULT_SETTINGS);
  });
});

describe('parseSettings', () => {
  it('keeps valid settings', () => {
    expect(parseSettings(mine)).toEqual(mine);
  });

  it('a template left at the default from before {author} follows today’s default; any other is kept', () => {
    expect(parseSettings({ ...mine, shareTemplate: '“{selection}”\n\n{title}\n{url}' }).shareTemplate).toBe(DEFAULT_SETTINGS.shareTemplate);
    expect(DEFAULT_SETTINGS.shareTemplate).toContain('{author}');
    expect(parseSettings({ ...mine, shareTemplate: '{title}\n{url}' }).shareTemplate).toBe('{title}\n{url}');
  });

  it('defaults only the fields that are missing or invalid', () => {
    expect(parseSettings({ ...mine, defaultVisibility: 'friends', counterStyle: undefined, defaultLanguage: 'German', undoSeconds: -5 })).toEqual({
      ...mine,
      defaultVisibility: null,
      counterStyle: 'remaining',
      defaultLanguage: null,
      undoSeconds: 30,
    });
  });

  it('reads settings saved before the server defaults existed, with those off', () => {
    const { defaultLocalOnly: _l, defaultFormat: _f, ...older } = mine;
    expect(parseSettings(older)).toEqual({ ...mine, defaultLocalOnly: false, defaultFormat: null });
  });

  it('defaults everything for a value that is not settings at all', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings([1])).toEqual(DEFAULT_SETTINGS);
  });
});

describe('settingsItem', () => {
  it('reads the defaults before anything was saved', async () => {
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
  });

  // A v1 item defined without migrations never wrote its version ("<key>$"): WXT reads
  // a missing version as 1. Either way the value must come out as v2.
  it.each([
    ['without a version', {}],
    ['with version 1', { settings$: { v: 1 } }],
  ])('migrates a v1 value stored %s', async (_, meta) => {
    await fakeBrowser.storage.local.set({ settings: { template: '{title}: {url}', stripUtm: false }, ...meta });
    // Migrations run when the item is defined (at start-up); run them again over the seeded v1.
    await settingsItem.migrate();
    expect(await settingsItem.getValue()).toEqual({ ...DEFAULT_SETTINGS, shareTemplate: '{title}: {url}', stripTracking: false });
    expect(await settingsItem.getMeta()).toEqual({ v: 2 });
  });

  it('leaves a v2 value alone', async () => {
    await fakeBrowser.storage.local.set({ settings: mine, settings$: { v: 2 } });
    await settingsItem.migrate();
    expect(await settingsItem.getValue()).toEqual(mine);
  });
});
