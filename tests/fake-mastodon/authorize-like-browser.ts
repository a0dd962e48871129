/**
 * Drives an OAuth authorize page the way a person in a browser does: load it, fill in the
 * form, click a button, and report where the server redirects. It reads the HTML generically
 * (any form, any button labels), so it works for real servers' pages as well as ours.
 */

interface FormControl {
  tag: 'input' | 'button' | 'textarea' | 'select';
  attributes: Record<string, string>;
  text: string;
}

interface ParsedForm {
  action: string;
  method: string;
  controls: FormControl[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] !== '#') return ENTITIES[entity.toLowerCase()] ?? whole;
    const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = match[1]?.toLowerCase();
    if (name) attributes[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

function visibleText(html: string): string {
  const body = html.replace(/<head[\s\S]*?<\/head>|<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ');
  return decodeEntities(body.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function parseForm(html: string): ParsedForm | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const attributes = parseAttributes(form[1] ?? '');
  const controls: FormControl[] = [];
  const pattern = /<(input|button|textarea|select)\b([^>]*)>(?:([\s\S]*?)<\/\1>)?/gi;
  for (const match of (form[2] ?? '').matchAll(pattern)) {
    const tag = (match[1] ?? '').toLowerCase() as FormControl['tag'];
    controls.push({ tag, attributes: parseAttributes(match[2] ?? ''), text: visibleText(match[3] ?? '') });
  }
  return { action: attributes.action ?? '', method: (attributes.method ?? 'get').toLowerCase(), controls };
}

function isSubmitButton(control: FormControl): boolean {
  const type = (control.attributes.type ?? (control.tag === 'button' ? 'submit' : 'text')).toLowerCase();
  return (control.tag === 'button' || control.tag === 'input') && type === 'submit';
}

function buttonLabel(control: FormControl): string {
  return control.tag === 'button' ? control.text : (control.attributes.value ?? '');
}

function chooseButton(form: ParsedForm, deny: boolean): FormControl | undefined {
  const wanted = deny ? /deny|reject|cancel/i : /authori[sz]e|approve|allow/i;
  return form.controls.filter(isSubmitButton).find((control) => wanted.test(buttonLabel(control)));
}

/** A sign-in form that comes before consent (Hollo asks for an e-mail address first). */
function signInButton(form: ParsedForm): FormControl | undefined {
  return form.controls.filter(isSubmitButton).find((control) => /sign in|log in|login/i.test(buttonLabel(control)));
}

/** The successful controls of the form once `button` is clicked (HTML "constructing the entry list"). */
function formData(form: ParsedForm, button: FormControl, username: string | undefined): URLSearchParams {
  const data = new URLSearchParams();
  for (const control of form.controls) {
    const name = control.attributes.name;
    if (!name || 'disabled' in control.attributes || isSubmitButton(control)) continue;
    const type = (control.attributes.type ?? 'text').toLowerCase();
    if ((type === 'checkbox' || type === 'radio') && !('checked' in control.attributes)) continue;
    if (type === 'button' || type === 'reset' || type === 'image' || type === 'file') continue;
    const value = control.tag === 'textarea' ? control.text : (control.attributes.value ?? '');
    const typed: Record<string, string | undefined> = {
      username,
      email: username === undefined ? undefined : `${username}@example.test`,
    };
    data.append(name, typed[name] ?? value);
  }
  if (button.attributes.name) data.append(button.attributes.name, button.attributes.value ?? '');
  return data;
}

function redirectTarget(response: Response, base: string): string | undefined {
  const location = response.headers.get('location');
  return response.status >= 300 && response.status < 400 && location ? new URL(location, base).href : undefined;
}

/** The page stayed on screen instead of redirecting: an error page, or the form again. */
export class AuthorizePageError extends Error {
  override readonly name = 'AuthorizePageError';
  readonly status: number;
  constructor(step: string, status: number, text: string) {
    super(`${step} answered HTTP ${status} without redirecting: ${text}`);
    this.status = status;
  }
}

function pageError(step: string, response: Response, html: string): AuthorizePageError {
  return new AuthorizePageError(step, response.status, visibleText(html).slice(0, 500));
}

export async function authorizeLikeBrowser(authorizeUrl: string, opts: { username?: string; deny?: boolean } = {}): Promise<string> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  // A server may skip its page (an already-trusted app) and redirect at once.
  const immediate = redirectTarget(page, authorizeUrl);
  if (immediate) return immediate;
  let html = await page.text();
  let form = page.ok ? parseForm(html) : undefined;
  if (!form) throw pageError('The authorize page', page, html);
  const login = chooseButton(form, opts.deny ?? false) ? undefined : signInButton(form);
  if (login) {
    // Sign in first; the consent page comes back from that form.
    const answer = await submit(form, login, authorizeUrl, opts.username);
    const target = redirectTarget(answer, authorizeUrl);
    if (target) return target;
    html = await answer.text();
    form = answer.ok ? parseForm(html) : undefined;
    if (!form) throw pageError('Signing in', answer, html);
  }
  const button = chooseButton(form, opts.deny ?? false);
  if (!button) throw new Error(`No ${opts.deny ? 'Deny' : 'Authorize'} button on the authorize page: ${visibleText(html).slice(0, 500)}`);
  const answer = await submit(form, button, authorizeUrl, opts.username);
  const target = redirectTarget(answer, new URL(form.action || authorizeUrl, authorizeUrl).href);
  if (target) return target;
  throw pageError('Submitting the authorize form', answer, await answer.text());
}

/** Submits the form by clicking `button`, without following the answer's redirect. */
async function submit(form: ParsedForm, button: FormControl, authorizeUrl: string, username: string | undefined): Promise<Response> {
  const action = new URL(form.action || authorizeUrl, authorizeUrl);
  const data = formData(form, button, username);
  const method = (button.attributes.formmethod ?? form.method).toLowerCase();
  // A GET form replaces the action's query with its fields.
  if (method === 'get') action.search = data.toString();
  return fetch(action, {
    method: method === 'get' ? 'GET' : 'POST',
    redirect: 'manual',
    ...(method === 'get' ? {} : { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: data }),
  });
}
