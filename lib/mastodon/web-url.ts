import * as z from 'zod/mini';
import { webUrl } from '../web-url';

/** A server's link field: a usable URL, or null when absent, empty or unsafe. */
export const WebUrlSchema = z.catch(
  z._default(
    z.pipe(
      z.nullable(z.string()),
      z.transform((value) => (value === null ? null : webUrl(value))),
    ),
    null,
  ),
  null,
);
