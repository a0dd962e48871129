import * as z from 'zod/mini';
import { field } from '../stored-check';
import type { ClientContext } from './context';
import { MastodonError } from './errors';
import { requestJson } from './request';

/** /.well-known/nodeinfo: links to the NodeInfo documents the server publishes. */
const NodeInfoLinksSchema = z.object({
  links: field(z.array(z.object({ rel: z.string(), href: z.string() })), []),
});

/** A NodeInfo 2.x document, reduced to what names the server. */
const NodeInfoSchema = z.object({
  software: z.object({ name: z.string(), version: field(z.string(), '') }),
});

export interface Software {
  /** Lower case, as NodeInfo requires: "mastodon", "gotosocial", "akkoma"… */
  name: string;
  version: string;
}

/**
 * The server's software as NodeInfo 2.x names it (https://nodeinfo.diaspora.software/protocol),
 * or null when the server has no NodeInfo or an unreadable one. Only a same-origin 2.x link
 * is followed: a document elsewhere would be another host's word.
 */
export async function fetchSoftware(ctx: ClientContext): Promise<Software | null> {
  try {
    const { links } = await requestJson(ctx, '/.well-known/nodeinfo', { schema: NodeInfoLinksSchema });
    const link = links
      .filter((l) => /^http:\/\/nodeinfo\.diaspora\.software\/ns\/schema\/2\.\d+$/.test(l.rel))
      .sort((a, b) => b.rel.localeCompare(a.rel))
      .find((l) => URL.canParse(l.href) && new URL(l.href).origin === ctx.origin);
    if (!link) return null;
    const { software } = await requestJson(ctx, new URL(link.href).pathname, { schema: NodeInfoSchema });
    return { name: software.name.toLowerCase(), version: software.version };
  } catch (error) {
    if (error instanceof MastodonError) return null;
    throw error;
  }
}
