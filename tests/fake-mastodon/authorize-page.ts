import { escapeHtml, htmlPage } from './http.ts';

/** The request fields the authorize form carries back to POST /oauth/authorize. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  responseType: string;
  scopes: string[];
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

function hidden(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">\n`;
}

/** Doorkeeper's "Authorization required" page, signed in as `username`. */
export function authorizePage(opts: {
  instanceTitle: string;
  appName: string;
  request: AuthorizeRequest;
  username: string;
  error?: string;
}): string {
  const { request } = opts;
  const scopes = request.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('\n');
  const error = opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>\n` : '';
  return htmlPage(
    `Authorization required - ${opts.instanceTitle}`,
    `<p>${escapeHtml(opts.instanceTitle)}</p>
<h1>Authorization required</h1>
<p>Application <strong>${escapeHtml(opts.appName)}</strong> requests access to your account</p>
<p>It will be able to:</p>
<ul>
${scopes}
</ul>
${error}<form method="post" action="/oauth/authorize">
<p><label>Username <input name="username" value="${escapeHtml(opts.username)}" autocomplete="username"></label></p>
${hidden('client_id', request.clientId)}${hidden('redirect_uri', request.redirectUri)}${hidden('response_type', request.responseType)}${hidden('scope', request.scopes.join(' '))}${hidden('state', request.state)}${hidden('code_challenge', request.codeChallenge)}${hidden('code_challenge_method', request.codeChallengeMethod)}<button type="submit" name="decision" value="approve" class="primary">Authorize</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

function requestFields(request: AuthorizeRequest): string {
  return `${hidden('client_id', request.clientId)}${hidden('redirect_uri', request.redirectUri)}${hidden('response_type', request.responseType)}${hidden('scope', request.scopes.join(' '))}${hidden('state', request.state)}${hidden('code_challenge', request.codeChallenge)}${hidden('code_challenge_method', request.codeChallengeMethod)}`;
}

/** Hollo's first page: sign in with e-mail and password; the consent page follows. */
export function emailSignInPage(opts: { instanceTitle: string; request: AuthorizeRequest; email: string; error?: string }): string {
  const error = opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>\n` : '';
  return htmlPage(
    `Sign in - ${opts.instanceTitle}`,
    `<h1>Sign in</h1>
${error}<form method="post" action="/oauth/authorize">
<p><label>Email <input type="email" name="email" value="${escapeHtml(opts.email)}" autocomplete="email"></label></p>
<p><label>Password <input type="password" name="password" autocomplete="current-password"></label></p>
${requestFields(opts.request)}<button type="submit" name="step" value="login" class="primary">Sign in</button>
</form>`,
  );
}

/** Doorkeeper's error page: shown instead of redirecting when the request itself is bad. */
export function authorizeErrorPage(instanceTitle: string, description: string): string {
  return htmlPage(
    `An error has occurred - ${instanceTitle}`,
    `<h1>An error has occurred</h1>
<p class="error">${escapeHtml(description)}</p>`,
  );
}

/** The page shown for the out-of-band redirect URI: the person copies the code by hand. */
export function authorizationCodePage(instanceTitle: string, code: string): string {
  return htmlPage(
    `Authorization code - ${instanceTitle}`,
    `<h1>Authorization code</h1>
<p>Copy this authorization code and paste it to the application.</p>
<input type="text" readonly value="${escapeHtml(code)}">`,
  );
}
