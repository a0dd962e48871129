import { expect } from 'vitest';
import { MastodonError } from '@/lib/mastodon/errors';

/** The MastodonError a client call rejects with (failing the test if it resolves or throws anything else). */
export async function failure(promise: Promise<unknown>): Promise<MastodonError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MastodonError);
  return error as MastodonError;
}
