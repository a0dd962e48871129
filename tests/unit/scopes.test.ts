import { expect, it } from 'vitest';
import { chooseScopes } from '@/lib/scopes';

it('asks for granular scopes only where the server lists them all', () => {
  expect(chooseScopes(['read', 'write', 'read:accounts', 'read:statuses', 'read:search', 'write:statuses', 'write:media'])).toBe(
    'read:accounts read:statuses read:search write:statuses write:media',
  );
  // A server that does not list read:search gets `read write`, which covers searching.
  expect(chooseScopes(['read', 'write', 'read:accounts', 'read:statuses', 'write:statuses', 'write:media'])).toBe('read write');
  expect(chooseScopes(['read', 'write', 'read:accounts'])).toBe('read write');
  expect(chooseScopes(undefined)).toBe('read write');
});
