import * as z from 'zod/mini';
import { field } from '../stored-check';
import { TextSchema as text } from './fields';
import type { ClientContext } from './context';
import { MastodonError } from './errors';
import { requestJson } from './request';

const count = z.optional(z.catch(z.number(), 0));
const nullableText = field(z.nullable(z.string()), null);
const flag = field(z.boolean(), false);
const languages = field(z.array(z.string()), []);

const StatusesConfig = z.object({
  max_characters: count,
  max_media_attachments: count,
  characters_reserved_per_url: count,
});

const MediaConfig = z.object({
  supported_mime_types: field(z.array(z.string()), []),
  image_size_limit: count,
  video_size_limit: count,
  description_limit: count,
});

const PollsConfig = z.object({
  max_options: count,
  max_characters_per_option: count,
  min_expiration: count,
  max_expiration: count,
});

const NO_URLS = { privacy_policy: null, terms_of_service: null };

const Configuration = z.catch(
  z._default(
    z.object({
      statuses: z.optional(z.catch(StatusesConfig, {})),
      media_attachments: z.optional(z.catch(MediaConfig, { supported_mime_types: [] })),
      polls: z.optional(z.catch(PollsConfig, {})),
      /** v2 only: the policies a sign-up links to. */
      urls: field(z.object({ privacy_policy: nullableText, terms_of_service: nullableText }), NO_URLS),
    }),
    { urls: NO_URLS },
  ),
  { urls: NO_URLS },
);

/** v2 `registrations` (Mastodon 4.0; reason_required and min_age 4.4; url 4.2). */
const RegistrationsV2Schema = z.object({
  enabled: flag,
  approval_required: flag,
  reason_required: field(z.nullable(z.boolean()), null),
  min_age: field(z.nullable(z.number()), null),
  message: nullableText,
  url: nullableText,
});

/**
 * GET /api/v2/instance (Mastodon ≥ 4.0): what the composer's limits and a sign-up read;
 * the rest is ignored. `domain` is required: it tells a Mastodon-compatible answer.
 */
const InstanceV2Schema = z.object({
  domain: z.string(),
  title: text,
  version: text,
  languages,
  configuration: Configuration,
  /** Mastodon ≥ 4.3: the API version, which new features are checked against (quotes: 7). */
  api_versions: z.optional(z.catch(z.object({ mastodon: count }), {})),
  /** Missing or unreadable: a sign-up reads v1 instead. */
  registrations: z.catch(z.optional(RegistrationsV2Schema), undefined),
});
export type InstanceV2 = z.infer<typeof InstanceV2Schema>;

/** GET /api/v1/instance: older Mastodon and most other servers. `registrations` is a boolean here. */
const InstanceV1Schema = z.object({
  uri: z.string(),
  title: text,
  version: text,
  languages,
  /** Pleroma/Akkoma and Mastodon < 3.4 announce the limit here. */
  max_toot_chars: count,
  configuration: Configuration,
  registrations: flag,
  approval_required: flag,
});
export type InstanceV1 = z.infer<typeof InstanceV1Schema>;

/** The instance's answer, as the server gave it: v2, or v1 where v2 is missing. */
export type InstanceAnswer = { v2: InstanceV2 } | { v1: InstanceV1 };

/** The instance as the composer needs it, whichever version answered. */
export const InstanceInfoSchema = z.object({
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

/**
 * v2 where the server has it, else v1 (older Mastodon, GoToSocial, Pleroma/Akkoma). Only a
 * missing or unintelligible v2 falls back, or one the caller can't use (`usable`); a
 * network failure or 5xx on v2 is the answer.
 * @see https://docs.joinmastodon.org/methods/instance/#v2
 * @see https://docs.joinmastodon.org/methods/instance/#v1
 */
export async function fetchInstanceAnswer(ctx: ClientContext, usable: (v2: InstanceV2) => boolean = () => true): Promise<InstanceAnswer> {
  try {
    const v2 = await requestJson(ctx, '/api/v2/instance', { schema: InstanceV2Schema });
    if (usable(v2)) return { v2 };
  } catch (error) {
    if (!(error instanceof MastodonError) || !isMissingEndpoint(error)) throw error;
  }
  return { v1: await requestJson(ctx, '/api/v1/instance', { schema: InstanceV1Schema }) };
}

/** The instance's version and limits, from whichever version answered. */
export async function fetchInstance(ctx: ClientContext): Promise<InstanceInfo> {
  const answer = await fetchInstanceAnswer(ctx);
  if ('v2' in answer) {
    const { version, configuration, api_versions } = answer.v2;
    return { version, limits: limitsFrom(configuration), mastodonApiVersion: api_versions?.mastodon ?? 0 };
  }
  const { version, configuration, max_toot_chars } = answer.v1;
  return { version, limits: limitsFrom(configuration, max_toot_chars), mastodonApiVersion: 0 };
}

/** A missing or unintelligible endpoint (an older or other server), as opposed to a failing one. */
export function isMissingEndpoint(error: MastodonError): boolean {
  return error.kind === 'not-json' || error.kind === 'shape' || (error.kind === 'http' && [400, 404, 405, 410, 501].includes(error.status ?? 0));
}

/** Quote posts, quote policies and `quote_approval` came with Mastodon API version 7 (4.5). */
export const QUOTES_API_VERSION = 7;
