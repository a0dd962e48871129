import type { Software } from './mastodon/nodeinfo';

/**
 * What a server does where Mastodon-compatible servers differ (DESIGN §9). Detected once
 * per instance (NodeInfo first, then the instance's `version` string) and cached beside
 * its limits; every "does this server …" question is asked here and nowhere else.
 * Each fact names the source it was read from.
 */

export const SERVER_FAMILIES = [
  'mastodon',
  'glitch',
  'hometown',
  'gotosocial',
  'pleroma',
  'akkoma',
  'misskey',
  'snac',
  'friendica',
  'hollo',
] as const;
export type ServerFamily = (typeof SERVER_FAMILIES)[number];

/** How the server measures a post against its limit. */
export interface CountingRule {
  /** `grapheme`: 👨‍👩‍👧 is 1; `codepoint`: it is 5. */
  unit: 'grapheme' | 'codepoint';
  /** Every URL counts as the instance's `characters_reserved_per_url`; false: at its full length. */
  urlsAtReservedWeight: boolean;
  /** The content warning is counted with the text (false: it has a limit of its own). */
  spoilerCounts: boolean;
  /** `@user@domain` counts as `@user`. */
  remoteMentionsAsLocal: boolean;
}

/** A way to keep a post on the server: a `local_only` flag, or a visibility of its own. */
export type LocalOnly = 'flag' | 'visibility' | null;

export interface ServerProfile {
  family: ServerFamily;
  /** The software's own version when known ("0.17.3"), else the instance's version string. */
  version: string;
  counting: CountingRule;
  /** How `local_only` posts are asked for, where the server has them. */
  localOnly: LocalOnly;
  /** GoToSocial's `mutuals_only` visibility. */
  mutualsOnly: boolean;
  /** `content_type` values besides plain text ("text/markdown"); empty: plain text only. */
  contentTypes: readonly string[];
  /** A retried POST /api/v1/statuses with the same Idempotency-Key makes no second post. */
  idempotency: boolean;
  /** Revoking a token deletes its application: the registration is gone with it. */
  revokeDeletesApp: boolean;
  /** Statuses, beside 401, that mean "this token is no longer valid". */
  badTokenStatuses: readonly number[];
  /**
   * The server's own sign-up page, for servers that take no sign-ups from apps and give no
   * `registrations.url`: a path on the instance.
   */
  signUpPath: string;
  /** What an edit of a published post can change; null: the server can't edit posts. */
  editing: EditSupport | null;
}

/**
 * PUT /api/v1/statuses/:id with GET /api/v1/statuses/:id/source: the text, the content
 * warning, the sensitive flag and the language can be changed wherever editing exists.
 */
export interface EditSupport {
  /** Alt text of attached media through `media_attributes[]` in the same request. */
  altText: boolean;
}

/** Mastodon's StatusLengthValidator (mastodon/mastodon app/validators/status_length_validator.rb). */
export const MASTODON_COUNTING: CountingRule = {
  unit: 'grapheme',
  urlsAtReservedWeight: true,
  spoilerCounts: true,
  remoteMentionsAsLocal: true,
};

/**
 * Counting for servers whose rule is not documented or not enforced: code points, URLs and
 * mentions at full length, the warning included. It never counts less than any rule above,
 * so the counter can't enable Post for a text such a server refuses.
 */
const CAUTIOUS_COUNTING: CountingRule = {
  unit: 'codepoint',
  urlsAtReservedWeight: false,
  spoilerCounts: true,
  remoteMentionsAsLocal: false,
};

type Traits = Omit<ServerProfile, 'family' | 'version' | 'editing'>;

const MASTODON: Traits = {
  counting: MASTODON_COUNTING,
  localOnly: null,
  mutualsOnly: false,
  contentTypes: [],
  // PostStatusService keeps the key an hour in Redis (app/services/post_status_service.rb, `idempotency_duplicate?`).
  idempotency: true,
  revokeDeletesApp: false,
  badTokenStatuses: [],
  // Mastodon's web sign-up form (Devise registrations under /auth).
  signUpPath: '/auth/sign_up',
};

const PLEROMA: Traits = {
  // `String.length(String.trim(status <> summary)) <= limit`: Elixir counts graphemes; URLs and
  // mentions as typed (pleroma-social/pleroma lib/pleroma/web/common_api/activity_draft.ex
  // full_payload, lib/pleroma/web/common_api/utils.ex validate_character_limit).
  counting: { unit: 'grapheme', urlsAtReservedWeight: false, spoilerCounts: true, remoteMentionsAsLocal: false },
  // "`visibility`: has additional possible values `list` and `local`" and `content_type`
  // (pleroma docs/development/API/differences_in_mastoapi_responses.md).
  localOnly: 'visibility',
  mutualsOnly: false,
  contentTypes: ['text/markdown', 'text/html', 'text/bbcode'],
  // Pleroma.Web.Plugs.IdempotencyPlug caches answers by Idempotency-Key.
  idempotency: true,
  revokeDeletesApp: false,
  // EnsureAuthenticatedPlug answers 403 {"error": "Invalid credentials."}.
  badTokenStatuses: [403],
  // Pleroma-FE's (and Akkoma-FE's) route for its sign-up form. Not verified against the
  // front-end's source here (the stored copies didn't have its router): from the issue.
  signUpPath: '/registration',
};

const TRAITS: Record<ServerFamily, Traits> = {
  mastodon: MASTODON,
  // glitch-soc reads `content_type` (text/plain, text/markdown, text/html) on statuses
  // (glitch-soc/mastodon app/controllers/api/v1/statuses_controller.rb, app/lib/advanced_text_formatter.rb).
  glitch: { ...MASTODON, contentTypes: ['text/markdown', 'text/html'] },
  // Hometown posts local-only with `local_only` (hometown-fork/hometown app/services/post_status_service.rb).
  hometown: { ...MASTODON, localOnly: 'flag' },
  gotosocial: {
    // `len([]rune(form.Status)) + len([]rune(form.SpoilerText)) > maxChars`: code points, URLs
    // and mentions as typed, the warning counted (superseriousbusiness/gotosocial
    // internal/api/client/statuses/statuscreate.go, validateNormalizeCreateStatus).
    counting: { unit: 'codepoint', urlsAtReservedWeight: false, spoilerCounts: true, remoteMentionsAsLocal: false },
    // `local_only` sets Federated=false (internal/processing/status/create.go, processVisibility).
    localOnly: 'flag',
    // apimodel.VisibilityMutualsOnly (internal/validate/formvalidation.go, Privacy).
    mutualsOnly: true,
    // StatusContentTypeMarkdown (internal/validate/formvalidation.go, StatusContentType).
    contentTypes: ['text/markdown'],
    // No Idempotency-Key handling in statuscreate.go; observed: a re-sent POST made three posts.
    // (Its registration check needs redirect_uri: lib/connect/app-reuse.ts checkApp sends it to every family.)
    idempotency: false,
    revokeDeletesApp: false,
    badTokenStatuses: [],
    // internal/web/signup.go serves the sign-up form (signupGETHandler, sign-up.tmpl) and takes it
    // by POST; its route path `/signup` is from the issue, not read from the router here.
    signUpPath: '/signup',
  },
  pleroma: PLEROMA,
  // Akkoma is a Pleroma fork and keeps these rules.
  akkoma: PLEROMA,
  misskey: {
    ...MASTODON,
    // Misskey-family Mastodon layers (Sharkey, Iceshrimp, Firefish) end in notes/create, whose
    // schema has `text: { maxLength: MAX_NOTE_TEXT_LENGTH }` and `cw` a separate maxLength
    // (misskey-dev/misskey packages/backend/src/server/api/endpoints/notes/create.ts); ajv's
    // maxLength counts code points.
    counting: { unit: 'codepoint', urlsAtReservedWeight: false, spoilerCounts: false, remoteMentionsAsLocal: false },
    idempotency: false,
    badTokenStatuses: [403],
  },
  snac: {
    ...MASTODON,
    // POST /api/v1/statuses checks no length at all and ignores Idempotency-Key; /oauth/revoke
    // "also delete[s] the app, as it serves no purpose from now on" (grunfink/snac2 mastoapi.c).
    counting: CAUTIOUS_COUNTING,
    idempotency: false,
    revokeDeletesApp: true,
  },
  friendica: {
    ...MASTODON,
    // "2.8.0 (compatible; Friendica …)" (friendica doc/API-Mastodon.md); its length rule is not
    // documented there: counted cautiously.
    counting: CAUTIOUS_COUNTING,
    idempotency: false,
    badTokenStatuses: [403],
  },
  // POST /api/v1/statuses reads the body with requestBody (JSON; form bodies lose every
  // field), checks no length, and looks up Idempotency-Key (fedify-dev/hollo src/api/v1/statuses.ts).
  // Its instance says characters_reserved_per_url 256 (src/api/v2/instance.ts): counted as advertised.
  hollo: MASTODON,
};

/** NodeInfo software names (lower case) of each family. */
const NODEINFO_NAMES: Record<string, ServerFamily> = {
  mastodon: 'mastodon',
  hometown: 'hometown',
  gotosocial: 'gotosocial',
  pleroma: 'pleroma',
  akkoma: 'akkoma',
  misskey: 'misskey',
  sharkey: 'misskey',
  iceshrimp: 'misskey',
  'iceshrimp.net': 'misskey',
  firefish: 'misskey',
  catodon: 'misskey',
  cherrypick: 'misskey',
  snac: 'snac',
  friendica: 'friendica',
  hollo: 'hollo',
};

/**
 * Markers in the instance `version` string, as servers write it: "2.7.2 (compatible; Pleroma
 * 2.5.0)", "4.0.0 (not true; really snac/2.94)", "4.3.0+glitch", "4.0.15+hometown-1.1.1",
 * "3.0.0 (compatible; Sharkey 2024.3.3)" (technicat/TootSDK Sources/TootSDK/… server detection).
 */
const VERSION_MARKERS: Array<[RegExp, ServerFamily]> = [
  [/\bakkoma\b/i, 'akkoma'],
  [/\bpleroma\b/i, 'pleroma'],
  [/\bsnac\b/i, 'snac'],
  [/\bfriendica\b/i, 'friendica'],
  [/\b(sharkey|iceshrimp|firefish|misskey|catodon|cherrypick)\b/i, 'misskey'],
  [/\bhollo\b/i, 'hollo'],
  [/\bgotosocial\b/i, 'gotosocial'],
  [/\+glitch\b/i, 'glitch'],
  [/\+hometown\b/i, 'hometown'],
];

function familyOf(software: Software | null, instanceVersion: string): ServerFamily {
  const named = software ? NODEINFO_NAMES[software.name] : undefined;
  // NodeInfo calls glitch-soc "mastodon"; only its version says "+glitch".
  if (named === 'mastodon' && /\+glitch\b/i.test(`${software?.version} ${instanceVersion}`)) return 'glitch';
  if (named) return named;
  return VERSION_MARKERS.find(([marker]) => marker.test(instanceVersion))?.[1] ?? 'mastodon';
}

/** `major.minor` of a version string as a number to compare (4.1 → 401); null when it has none. */
function majorMinor(version: string): number | null {
  const match = /^(\d+)\.(\d+)/.exec(version);
  return match ? Number(match[1]) * 100 + Number(match[2]) : null;
}

/** Editing of published posts, per family; `instanceVersion` is the Mastodon version a Mastodon fork reports. */
function editingOf(family: ServerFamily, instanceVersion: string): EditSupport | null {
  switch (family) {
    case 'mastodon':
    case 'glitch':
    case 'hometown': {
      // Edit 3.5.0; media_attributes[] 4.1.0 (mastodon/mastodon CHANGELOG.md, #20878; docs
      // methods/statuses.md#edit). Hometown's NodeInfo names its own version, its instance
      // Mastodon's ("4.0.15+hometown-1.1.1"). An unreadable version is taken as a current Mastodon.
      const at = majorMinor(instanceVersion);
      if (at !== null && at < 305) return null;
      return { altText: at === null || at >= 401 };
    }
    case 'gotosocial':
      // StatusEditPUTHandler reads `media_attributes` as JSON (superseriousbusiness/gotosocial
      // internal/api/client/statuses/statusedit.go, internal/api/model/status.go
      // StatusEditRequest; statussource.go, statushistory.go). Releases before it answer 404,
      // which the edit shows as the server's refusal.
      return { altText: true };
    case 'pleroma':
    case 'akkoma':
      // PUT /api/v1/statuses/:id, GET …/source and …/history (lib/pleroma/web/router.ex); its
      // StatusUpdateRequest has no media_attributes (lib/pleroma/web/api_spec/operations/status_operation.ex).
      return { altText: false };
    case 'hollo':
      // app.put("/:id") changes text, spoiler_text, sensitive and language and leaves the media
      // alone; GET /:id/source exists (fedify-dev/hollo src/api/v1/statuses.ts).
      return { altText: false };
    case 'misskey':
      // Sharkey's Mastodon layer has no PUT /v1/statuses/:id and answers /history with "Not
      // Implemented" (transfem-org/Sharkey packages/backend/src/server/api/mastodon/endpoints/status.ts).
      return null;
    case 'snac':
    case 'friendica':
      // Not looked up in their sources here: not offered rather than guessed.
      return null;
  }
}

/** The profile of a server: NodeInfo's word first, then the instance's version string, else Mastodon. */
export function serverProfile(software: Software | null, instanceVersion: string): ServerProfile {
  const family = familyOf(software, instanceVersion);
  const version = software?.version || instanceVersion;
  return { family, version, ...TRAITS[family], editing: editingOf(family, instanceVersion) };
}

/**
 * The profile assumed before anything is known about a server. Marked pure so a bundle that
 * only needs MASTODON_COUNTING (the composer's counter) leaves the profile table out.
 */
export const MASTODON_PROFILE: ServerProfile = /* @__PURE__ */ serverProfile(null, '');
