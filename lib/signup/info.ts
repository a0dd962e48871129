import type { ClientContext } from '../mastodon/context';
import { endpointExists, fetchRules, type SignUpInstance } from '../mastodon/signup';
import type { SignUpInfo, SignUpMode } from '../messages';
import type { ServerProfile } from '../server-profile';

/** What follows for the person: here, after review, not at all, or on another site. */
export function signUpMode(instance: SignUpInstance): SignUpMode {
  // SSO_ACCOUNT_SIGN_UP: the account is made on another site, whatever `enabled` says.
  if (instance.url) return 'elsewhere';
  if (!instance.enabled) return 'closed';
  return instance.approvalRequired ? 'approval' : 'open';
}

/**
 * The server's own sign-up page, for servers that take no sign-ups from apps: the URL
 * it gives, else where its family has it (the server profile knows each family's path).
 */
export function ownSignUpPage(origin: string, instance: SignUpInstance, profile: ServerProfile): string {
  return instance.url || new URL(profile.signUpPath, origin).href;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/**
 * The closed-registrations message is HTML from the server: shown as text only, never
 * as markup (a service worker has no DOMParser, so tags are dropped here).
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? whole)
    .trim();
}

/**
 * Everything the sign-up view shows before the form: mode, rules and the policy links
 * (the instance's own URLs where v2 gives them, else the pages Mastodon serves).
 */
export async function describeSignUp(ctx: ClientContext, instance: SignUpInstance): Promise<SignUpInfo> {
  const mode = signUpMode(instance);
  const origin = ctx.origin;
  const [rules, hasTerms] = await Promise.all([
    mode === 'open' || mode === 'approval' ? fetchRules(ctx) : Promise.resolve([]),
    instance.termsOfServiceUrl ? Promise.resolve(true) : endpointExists(ctx, '/api/v1/instance/terms_of_service'),
  ]);
  return {
    origin,
    host: new URL(origin).host,
    title: instance.title,
    mode,
    reasonRequired: mode === 'approval' && (instance.reasonRequired ?? true),
    minAge: instance.minAge,
    message: instance.message ? htmlToText(instance.message) || null : null,
    url: instance.url,
    rules,
    privacyPolicyUrl: instance.privacyPolicyUrl ?? new URL('/privacy-policy', origin).href,
    // Before Mastodon 4.4 the terms were the privacy policy's page at /terms.
    termsUrl: instance.termsOfServiceUrl ?? new URL(hasTerms ? '/terms-of-service' : '/terms', origin).href,
  };
}
