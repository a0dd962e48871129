import { describe, expect, it } from 'vitest';
import { ONLY_IN_V2, type SignUpInstance } from '@/lib/mastodon/signup';
import { serverProfile } from '@/lib/server-profile';
import { describeSignUp, htmlToText, ownSignUpPage, signUpMode } from '@/lib/signup/info';
import { stubFetch } from '../helpers/stub-fetch';

const origin = 'https://join.example';

/** An open Mastodon 4.4 instance as GET /api/v2/instance describes it. */
function instance(overrides: Partial<SignUpInstance> = {}): SignUpInstance {
  return {
    domain: 'join.example',
    title: 'Join',
    version: '4.4.0',
    languages: ['en'],
    enabled: true,
    approvalRequired: false,
    ...ONLY_IN_V2,
    from: 'v2',
    ...overrides,
  };
}

const rules = [{ id: '1', text: 'Be kind.', hint: '' }];

describe('signUpMode', () => {
  it.each([
    ['open', {}, 'open'],
    ['approval', { approvalRequired: true }, 'approval'],
    ['closed', { enabled: false }, 'closed'],
    ['closed even when approval is set', { enabled: false, approvalRequired: true }, 'closed'],
    ['elsewhere, whatever `enabled` says', { enabled: false, url: 'https://sso.example/join' }, 'elsewhere'],
    ['elsewhere on an open server', { url: 'https://sso.example/join' }, 'elsewhere'],
  ] as const)('%s', (_, overrides, mode) => {
    expect(signUpMode(instance(overrides))).toBe(mode);
  });
});

describe('ownSignUpPage', () => {
  it('the URL the server gives, else its family’s page on the instance', () => {
    expect(ownSignUpPage(origin, instance({ url: 'https://sso.example/join' }), serverProfile(null, '4.4.0'))).toBe('https://sso.example/join');
    expect(ownSignUpPage(origin, instance(), serverProfile(null, '4.4.0'))).toBe('https://join.example/auth/sign_up');
    expect(ownSignUpPage(origin, instance(), serverProfile({ name: 'gotosocial', version: '0.17.0' }, '0.17.0'))).toBe('https://join.example/signup');
  });
});

describe('htmlToText: the closed-registrations message as the person reads it', () => {
  it.each([
    ['<p>Full.</p>', 'Full.'],
    ['Line one<br>Line two<BR/>three<br />four', 'Line one\nLine two\nthree\nfour'],
    ['<p>One</p>\n  <P class="x">Two</p>', 'One\n\nTwo'],
    ['<p>Ask <a href="https://x.example">here</a> &amp; wait</p>', 'Ask here & wait'],
    ['&lt;b&gt; &quot;q&quot; &#39;s&#39; &apos;a&apos; x&nbsp;y &AMP;', '<b> "q" \'s\' \'a\' x y &'],
    ['&copy; and &#169; stay as written', '&copy; and &#169; stay as written'],
    ['  <p>  padded  </p>  ', 'padded'],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('describeSignUp', () => {
  it('an open server: its rules, and the policy links it gives', async () => {
    const { fetch, calls } = stubFetch({ 'GET /api/v1/instance/rules': { json: rules } });
    const info = await describeSignUp(
      { origin: 'https://join.example:8443', fetch },
      instance({ privacyPolicyUrl: 'https://join.example/privacy', termsOfServiceUrl: 'https://join.example/tos', minAge: 16 }),
    );
    expect(info).toEqual({
      origin: 'https://join.example:8443',
      host: 'join.example:8443',
      title: 'Join',
      mode: 'open',
      reasonRequired: false,
      minAge: 16,
      message: null,
      url: null,
      rules,
      privacyPolicyUrl: 'https://join.example/privacy',
      termsUrl: 'https://join.example/tos',
    });
    // The terms' URL was given: their endpoint is not asked.
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/instance/rules']);
  });

  it('approval: the rules, and a reason unless the server says it needs none', async () => {
    const { fetch } = stubFetch({ 'GET /api/v1/instance/rules': { json: rules } });
    const describe = (reasonRequired: boolean | null) => describeSignUp({ origin, fetch }, instance({ approvalRequired: true, reasonRequired }));
    expect(await describe(null)).toMatchObject({ mode: 'approval', reasonRequired: true, rules });
    expect(await describe(true)).toMatchObject({ reasonRequired: true });
    expect(await describe(false)).toMatchObject({ reasonRequired: false });
  });

  it('an open server never asks for a reason, even when it says one is required', async () => {
    const { fetch } = stubFetch({ 'GET /api/v1/instance/rules': { json: rules } });
    expect(await describeSignUp({ origin, fetch }, instance({ reasonRequired: true }))).toMatchObject({ mode: 'open', reasonRequired: false });
  });

  it('closed or elsewhere: no rules asked for; the message as text', async () => {
    const { fetch, calls } = stubFetch({ 'GET /api/v1/instance/rules': { json: rules }, 'GET /api/v1/instance/terms_of_service': { json: { content: '<p>Terms</p>' } } });
    const closed = await describeSignUp({ origin, fetch }, instance({ enabled: false, message: '<p>Full &amp; resting.</p>' }));
    expect(closed).toMatchObject({ mode: 'closed', rules: [], message: 'Full & resting.', reasonRequired: false });
    const elsewhere = await describeSignUp({ origin, fetch }, instance({ url: 'https://sso.example/join' }));
    expect(elsewhere).toMatchObject({ mode: 'elsewhere', rules: [], url: 'https://sso.example/join' });
    expect(calls.map((c) => c.path)).not.toContain('/api/v1/instance/rules');
  });

  it('a message that is only markup reads as no message', async () => {
    const { fetch } = stubFetch({});
    expect((await describeSignUp({ origin, fetch }, instance({ enabled: false, message: '<p></p>' }))).message).toBeNull();
  });

  it('without policy URLs: Mastodon’s own pages, the terms where the server has them', async () => {
    const withTerms = stubFetch({ 'GET /api/v1/instance/terms_of_service': { json: { content: '<p>Terms</p>' } } });
    expect(await describeSignUp({ origin, fetch: withTerms.fetch }, instance({ enabled: false }))).toMatchObject({
      privacyPolicyUrl: 'https://join.example/privacy-policy',
      termsUrl: 'https://join.example/terms-of-service',
    });
    // Before Mastodon 4.4 the terms were the privacy policy's page at /terms.
    const older = stubFetch({});
    expect(await describeSignUp({ origin, fetch: older.fetch }, instance({ enabled: false }))).toMatchObject({
      privacyPolicyUrl: 'https://join.example/privacy-policy',
      termsUrl: 'https://join.example/terms',
    });
    expect(older.calls.map((c) => c.path)).toEqual(['/api/v1/instance/terms_of_service']);
  });

  it('a server that cannot be reached for its rules fails the description', async () => {
    const { fetch } = stubFetch({ 'GET /api/v1/instance/rules': new TypeError('Failed to fetch') });
    await expect(describeSignUp({ origin, fetch }, instance())).rejects.toThrow();
  });
});
