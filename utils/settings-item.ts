import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, migrateSettingsV1, parseSettings, type Settings } from '@/lib/settings';

/**
 * The person's preferences. Unlike the items in storage-items.ts they hold no secrets,
 * so the options page may read and write them directly. Read them with `readSettings`:
 * a value from another version may lack fields.
 */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: { 2: migrateSettingsV1 },
});

/** The settings, every missing or damaged field at its default. */
export async function readSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}
