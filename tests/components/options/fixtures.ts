import type { AccountView, RegistrationView } from '@/lib/messages';
import { alice } from '../composer/fake';

// The same Alice as the composer's tests; Bob here lives elsewhere (see below).
export { alice };

/** Handle domain and instance host differ (WebFinger delegation). */
export const bob: AccountView = {
  ...alice,
  id: 'bob@example.org',
  username: 'bob',
  displayName: '',
  avatar: '',
  origin: 'https://social.example.org',
};

export const REDIRECT = 'https://fedipost-test.chromiumapp.org/';

export const socialReg: RegistrationView = {
  key: `https://example.social ${REDIRECT} read:accounts write:statuses write:media`,
  origin: 'https://example.social',
  clientId: 'Zx9QpL3mK7vR2tYw8nB4',
  redirectUri: REDIRECT,
  scopes: 'read:accounts write:statuses write:media',
  createdAt: Date.UTC(2026, 10, 3, 12),
  manual: false,
  accountIds: ['alice@example.social'],
};

export const closedReg: RegistrationView = {
  key: `https://closed.example ${REDIRECT} read write`,
  origin: 'https://closed.example',
  clientId: 'abc123',
  redirectUri: REDIRECT,
  scopes: 'read write',
  createdAt: Date.UTC(2026, 0, 15, 12),
  manual: true,
  accountIds: [],
};
