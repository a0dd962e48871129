import { serializeAccount } from './accounts.ts';
import { VAPID_KEY } from './apps.ts';
import { nodeinfoReply } from './dialects.ts';
import { apiError, htmlNotFound, json, type Route } from './http.ts';
import { SUPPORTED_SCOPES } from './scopes.ts';
import type { ServerState } from './state.ts';

const SOURCE_URL = 'https://github.com/mastodon/mastodon';
const PRIVACY_POLICY = '<p>We keep only what running your account needs.</p>';
const TERMS = '<p>Be excellent to each other.</p>';
const CONTACT_EMAIL = 'admin@fake-mastodon.test';
const DESCRIPTION = 'A small Mastodon-compatible server for tests and demos.';
const RULES = [
  { id: '1', text: 'Be kind.', hint: '' },
  { id: '2', text: 'No spam.', hint: 'Advertising belongs elsewhere.' },
];

function mediaAttachments(state: ServerState) {
  return {
    supported_mime_types: state.limits.supportedMimeTypes,
    description_limit: state.limits.descriptionLimit,
    image_size_limit: state.limits.imageSizeLimit,
    image_matrix_limit: 33_177_600,
    video_size_limit: state.limits.videoSizeLimit,
    video_frame_rate_limit: 120,
    video_matrix_limit: 8_294_400,
  };
}

function polls(state: ServerState) {
  return {
    max_options: state.limits.pollMaxOptions,
    max_characters_per_option: state.limits.pollMaxCharactersPerOption,
    min_expiration: state.limits.pollMinExpiration,
    max_expiration: state.limits.pollMaxExpiration,
  };
}

function statuses(state: ServerState) {
  return {
    max_characters: state.limits.maxCharacters,
    max_media_attachments: state.limits.maxMediaAttachments,
    characters_reserved_per_url: state.limits.charactersReservedPerUrl,
  };
}

function contactAccount(state: ServerState) {
  const first = state.users.values().next();
  return first.done ? null : serializeAccount(state, first.value);
}

const isGoToSocial = (state: ServerState) => state.dialect.name === 'gotosocial';

/** REST::InstanceSerializer#registrations; GoToSocial's shape where it is one. */
function registrations(state: ServerState) {
  const s = state.signUps;
  if (isGoToSocial(state)) return { enabled: true, approval_required: true, reason_required: true, message: null };
  const enabled = s.mode !== 'closed';
  return {
    enabled,
    approval_required: s.mode === 'approval',
    reason_required: s.mode === 'approval' && s.reasonRequired,
    // Only while closed, as Mastodon renders it (Markdown → HTML).
    message: enabled ? null : s.message,
    min_age: s.minAge,
    url: s.url,
  };
}

function instanceV2(state: ServerState) {
  return {
    domain: state.host,
    title: state.title,
    version: state.dialect.version,
    source_url: SOURCE_URL,
    description: DESCRIPTION,
    usage: { users: { active_month: state.users.size } },
    thumbnail: { url: `${state.origin}/thumbnail.png` },
    icon: [],
    languages: ['en'],
    configuration: {
      urls: {
        streaming: state.origin.replace(/^http/, 'ws'),
        status: null,
        about: `${state.origin}/about`,
        privacy_policy: `${state.origin}/privacy-policy`,
        terms_of_service: state.signUps.termsOfService ? `${state.origin}/terms-of-service` : null,
      },
      vapid: { public_key: VAPID_KEY },
      accounts: { max_featured_tags: 10, max_pinned_statuses: 5, max_note_length: 500, max_profile_fields: 4 },
      statuses: statuses(state),
      media_attachments: mediaAttachments(state),
      polls: polls(state),
      translation: { enabled: false },
      limited_federation: false,
    },
    registrations: registrations(state),
    ...(state.apiVersion > 0 ? { api_versions: { mastodon: state.apiVersion } } : {}),
    contact: { email: CONTACT_EMAIL, account: contactAccount(state) },
    rules: RULES,
  };
}

function instanceV1(state: ServerState) {
  return {
    uri: state.host,
    title: state.title,
    short_description: DESCRIPTION,
    description: DESCRIPTION,
    email: CONTACT_EMAIL,
    version: state.dialect.version,
    urls: { streaming_api: state.origin.replace(/^http/, 'ws') },
    stats: { user_count: state.users.size, status_count: state.statuses.size, domain_count: 0 },
    thumbnail: `${state.origin}/thumbnail.png`,
    languages: ['en'],
    registrations: registrations(state).enabled,
    approval_required: registrations(state).approval_required,
    invites_enabled: false,
    // Not Mastodon's: Pleroma and glitch-soc put the limit here, and older clients read it.
    max_toot_chars: state.limits.maxCharacters,
    configuration: {
      accounts: { max_featured_tags: 10 },
      statuses: statuses(state),
      media_attachments: mediaAttachments(state),
      polls: polls(state),
    },
    contact_account: null,
    rules: RULES,
  };
}

/** The issuer Mastodon names itself by: its origin with a trailing slash. */
export const issuerOf = (state: ServerState) => `${state.origin}/`;

/** Mastodon ≥ 4.3's RFC 8414 metadata, with its extra app_registration_endpoint. */
function oauthMetadata(state: ServerState) {
  return {
    issuer: issuerOf(state),
    service_documentation: 'https://docs.joinmastodon.org/',
    authorization_endpoint: `${state.origin}/oauth/authorize`,
    token_endpoint: `${state.origin}/oauth/token`,
    app_registration_endpoint: `${state.origin}/api/v1/apps`,
    revocation_endpoint: `${state.origin}/oauth/revoke`,
    scopes_supported: SUPPORTED_SCOPES,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    ...(state.pkce ? { code_challenge_methods_supported: ['S256'] } : {}),
    grant_types_supported: ['authorization_code', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    ...(state.issParameter ? { authorization_response_iss_parameter_supported: true } : {}),
  };
}

export const instanceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v2/instance',
    handle: ({ state }) => (state.instanceV2 ? json(200, instanceV2(state)) : state.dialect.notFound()),
  },
  { method: 'GET', path: '/.well-known/nodeinfo', handle: ({ state }) => nodeinfoReply(state.dialect, state.origin, false) },
  { method: 'GET', path: '/nodeinfo/2.0', handle: ({ state }) => nodeinfoReply(state.dialect, state.origin, true) },
  { method: 'GET', path: '/api/v1/instance', handle: ({ state }) => json(200, instanceV1(state)) },
  { method: 'GET', path: '/api/v1/instance/rules', handle: () => json(200, RULES) },
  {
    method: 'GET',
    path: '/api/v1/instance/privacy_policy',
    handle: () => json(200, { updated_at: '2025-01-01T00:00:00.000Z', content: PRIVACY_POLICY }),
  },
  {
    method: 'GET',
    path: '/api/v1/instance/terms_of_service',
    // Mastodon 4.4 answers 404 until the admin publishes terms.
    handle: ({ state }) =>
      state.signUps.termsOfService
        ? json(200, { effective_date: '2025-01-01', effective: true, content: TERMS, succeeded_by: null })
        : apiError(404, 'Record not found'),
  },
  {
    method: 'GET',
    path: '/.well-known/oauth-authorization-server',
    handle: ({ state }) => (state.wellKnown ? json(200, oauthMetadata(state)) : htmlNotFound()),
  },
];
