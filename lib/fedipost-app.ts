import { registerApp } from './mastodon/apps';
import type { Register } from './registrations';

/** How Fedipost introduces itself to an instance (shown on its sign-in page). */
export const CLIENT_NAME = 'Fedipost';
export const WEBSITE = 'https://fedipost.app';

/** POST /api/v1/apps for Fedipost, as the registration cache calls it. */
export function registerFedipost(fetch: typeof globalThis.fetch): Register {
  return async (target) => {
    const app = await registerApp(
      { origin: target.origin, fetch },
      { clientName: CLIENT_NAME, redirectUris: [target.redirectUri], scopes: target.scopes, website: WEBSITE },
    );
    return { clientId: app.client_id, clientSecret: app.client_secret };
  };
}
