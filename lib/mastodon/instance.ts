import * as z from 'zod/mini';
import type { ClientContext } from './context';
import { MastodonError } from './errors';
import { requestJson } from './request';

const StatusesConfig = z.object({
  max_characters: z.optional(z.catch(z.number(), 0)),
  max_media_attachments: z.optional(z.catch(z.number(), 0)),
  characters_reserved_per_url: z.optional(z.catch(z.number(), 0)),
});

const MediaConfig = z.object({
  supported_mime_types: z.catch(z._default(z.array(z.string()), []), []),
  image_size_limit: z.optional(z.catch(z.number(), 0)),
  video_size_limit: z.optional(z.catch(z.number(), 0)),
  description_limit: z.optional(z.catch(z.number(), 0)),
});

const PollsConfig = z.object({
  max_options: z.optional(z.catch(z.number(), 0)),
  max_characters_per_option: z.optional(z.catch(z.number(), 0)),
  min_expiration: z.optional(z.catch(z.number(), 0)),
  max_expiration: z.optional(z.catch(z.number(), 0)),
});

const Configuration = z.catch(
  z._default(
    z.object({
      statuses: z.optional(z.catch(StatusesConfig, {})),
      media_attachments: z.optional(z.catch(MediaConfig, { supported_mime_types: [] })),
      polls: z.optional(z.catch(PollsConfig, {})),
    }),
    {},
  ),
  {},
);

/** GET /api/v2/instance (Mastodon ≥ 4.0). Only what Fedipost uses; the rest is ignored. */
export const InstanceV2Schema = z.object({
  domain: z.string(),
  title: z.catch(z._default(z.string(), ''), ''),
  version: z.catch(z._default(z.string(), ''), ''),
  configuration: Configuration,
  /** Mastodon ≥ 4.3: the API version, which new features are checked against (quotes: 7). */
  api_versions: z.optional(z.catch(z.object({ mastodon: z.optional(z.catch(z.number(), 0)) }), {})),
  registrations: z.optional(
    z.catch(z.object({ enabled: z.catch(z.boolean(), false), approval_required: z.catch(z.boolean(), false) }), {
      enabled: false,
      approval_required: false,
    }),
  ),
});

/** GET /api/v1/instance: older Mastodon and most other servers. */
export const InstanceV1Schema = z.object({
  uri: z.string(),
  title: z.catch(z._default(z.string(), ''), ''),
  version: z.catch(z._default(z.string(), ''), ''),
  /** Pleroma/Akkoma and Mastodon < 3.4 announce the limit here. */
  max_toot_chars: z.optional(z.catch(z.number(), 0)),
  configuration: Configuration,
  registrations: z.optional(z.catch(z.boolean(), false)),
  approval_required: z.optional(z.catch(z.boolean(), false)),
});

/** Both instance versions, normalised to what the product needs. */
export const InstanceInfoSchema = z.object({
  domain: z.string(),
  title: z.string(),
  version: z.string(),
  limits: z.object({
    maxCharacters: z.number(),
    maxMediaAttachments: z.number(),
    charactersReservedPerUrl: z.number(),
    supportedMimeTypes: z.array(z.string()),
    imageSizeLimit: z.nullable(z.number()),
    videoSizeLimit: z.nullable(z.number()),
    descriptionLimit: z.nullable(z.number()),
    pollMaxOptions: z.number(),
    pollMaxCharactersPerOption: z.number(),
    pollMinExpiration: z.number(),
    pollMaxExpiration: z.number(),
  }),
  registrationsOpen: z.boolean(),
  approvalRequired: z.boolean(),
  /** `api_versions.mastodon`; 0 where the server has none (older Mastodon, other software). Absent in caches from before. */
  mastodonApiVersion: z.optional(z.number()),
});
export type InstanceInfo = z.infer<typeof InstanceInfoSchema>;

type Config = z.infer<typeof Configuration>;

/** Mastodon's own defaults, used where a server says nothing (https://docs.joinmastodon.org/entities/Instance/). */
export const DEFAULT_LIMITS: InstanceInfo['limits'] = {
  maxCharacters: 500,
  maxMediaAttachments: 4,
  charactersReservedPerUrl: 23,
  supportedMimeTypes: [],
  imageSizeLimit: null,
  videoSizeLimit: null,
  descriptionLimit: null,
  pollMaxOptions: 4,
  pollMaxCharactersPerOption: 50,
  pollMinExpiration: 300,
  pollMaxExpiration: 2_629_746,
};

const positive = (value: number | undefined) => (value !== undefined && value > 0 ? value : undefined);

function limitsFrom(config: Config, legacyMaxChars?: number): InstanceInfo['limits'] {
  const d = DEFAULT_LIMITS;
  return {
    maxCharacters: positive(config.statuses?.max_characters) ?? positive(legacyMaxChars) ?? d.maxCharacters,
    maxMediaAttachments: positive(config.statuses?.max_media_attachments) ?? d.maxMediaAttachments,
    charactersReservedPerUrl: positive(config.statuses?.characters_reserved_per_url) ?? d.charactersReservedPerUrl,
    supportedMimeTypes: config.media_attachments?.supported_mime_types ?? [],
    imageSizeLimit: positive(config.media_attachments?.image_size_limit) ?? null,
    videoSizeLimit: positive(config.media_attachments?.video_size_limit) ?? null,
    descriptionLimit: positive(config.media_attachments?.description_limit) ?? null,
    pollMaxOptions: positive(config.polls?.max_options) ?? d.pollMaxOptions,
    pollMaxCharactersPerOption: positive(config.polls?.max_characters_per_option) ?? d.pollMaxCharactersPerOption,
    pollMinExpiration: positive(config.polls?.min_expiration) ?? d.pollMinExpiration,
    pollMaxExpiration: positive(config.polls?.max_expiration) ?? d.pollMaxExpiration,
  };
}

/** @see https://docs.joinmastodon.org/methods/instance/#v2 */
export async function fetchInstanceV2(ctx: ClientContext): Promise<InstanceInfo> {
  const v2 = await requestJson(ctx, '/api/v2/instance', { schema: InstanceV2Schema });
  return {
    domain: v2.domain,
    title: v2.title,
    version: v2.version,
    limits: limitsFrom(v2.configuration),
    registrationsOpen: v2.registrations?.enabled ?? false,
    approvalRequired: v2.registrations?.approval_required ?? false,
    mastodonApiVersion: v2.api_versions?.mastodon ?? 0,
  };
}

/** @see https://docs.joinmastodon.org/methods/instance/#v1 */
export async function fetchInstanceV1(ctx: ClientContext): Promise<InstanceInfo> {
  const v1 = await requestJson(ctx, '/api/v1/instance', { schema: InstanceV1Schema });
  return {
    domain: v1.uri.replace(/^https?:\/\//, '').replace(/\/$/, ''),
    title: v1.title,
    version: v1.version,
    limits: limitsFrom(v1.configuration, v1.max_toot_chars),
    registrationsOpen: v1.registrations ?? false,
    approvalRequired: v1.approval_required ?? false,
    mastodonApiVersion: 0,
  };
}

/**
 * The instance's description: v2 where the server has it, else v1 (older Mastodon,
 * GoToSocial, Pleroma/Akkoma). Only a missing or unintelligible v2 falls back; a
 * network failure or 5xx on v2 is the answer.
 */
export async function fetchInstance(ctx: ClientContext): Promise<InstanceInfo> {
  try {
    return await fetchInstanceV2(ctx);
  } catch (error) {
    if (!(error instanceof MastodonError) || !isMissingEndpoint(error)) throw error;
    return fetchInstanceV1(ctx);
  }
}

/** A missing or unintelligible endpoint (an older or other server), as opposed to a failing one. */
export function isMissingEndpoint(error: MastodonError): boolean {
  return error.kind === 'not-json' || error.kind === 'shape' || (error.kind === 'http' && [400, 404, 405, 410, 501].includes(error.status ?? 0));
}

/** Quote posts, quote policies and `quote_approval` came with Mastodon API version 7 (4.5). */
export const QUOTES_API_VERSION = 7;
