import { expect, it } from 'vitest';
import { chooseScopes } from '@/lib/scopes';

it('asks for granular scopes only where the server lists them all', () => {
  expect(chooseScopes(['read', 'write', 'read:accounts', 'read:search', 'read:statuses', 'write:statuses', 'write:media'])).toBe(
    'read:accounts read:search read:statuses write:statuses write:media',
  );
  // A server without read:search would refuse the whole request: the broad scopes then.
  expect(chooseScopes(['read', 'write', 'read:accounts', 'read:statuses', 'write:statuses', 'write:media'])).toBe('read write');
  expect(chooseScopes(['read', 'write', 'read:accounts'])).toBe('read write');
  expect(chooseScopes(undefined)).toBe('read write');
});
