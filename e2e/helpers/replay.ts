import { randomBytes } from 'node:crypto';
import type { APIResponse, Browser, BrowserContext, Page, Route } from '@playwright/test';
import { signInAs, type TestUser } from './users';
import { SESSION_COOKIE } from '../../lib/cookie-names.mjs';

// Replaying the real form posts a page makes. Without JavaScript a form bound to a
// server action posts a multipart body ($ACTION_REF_n, $ACTION_n:0, $ACTION_KEY and the
// form's own fields) to the page's address. Capturing those bytes from the rendered page
// and sending them again with someone else's cookies tests the action itself, not just
// the page's choice to show or hide the form.

export type CapturedPost = { url: string; headers: Record<string, string>; body: Buffer };

/** Who sends a replayed request: nobody, a session cookie that is not a valid token, or a user. */
export type Sender = TestUser | 'anonymous' | 'forged';

// Set per replay (the sender's cookies and address) or by the HTTP client itself.
const NOT_REPLAYED = new Set(['cookie', 'host', 'content-length', 'connection', 'x-forwarded-for']);

let addressCounter = 0;
const addressPrefix = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

/**
 * A client address no other request of this run has used (the server trusts
 * X-Forwarded-For in the e2e run): the per-address comment limits, 1 per 10 s and
 * 30 an hour, then never refuse a request for someone else's traffic.
 */
export function uniqueAddress(): string {
  addressCounter += 1;
  return `${addressPrefix}::${addressCounter.toString(16)}`;
}

/**
 * Runs `submit` (which submits a form) and returns the form's POST it made, without
 * letting it reach the server. Use a page with JavaScript disabled to get the plain form post.
 */
export async function captureFormPost(page: Page, submit: () => Promise<void>, timeoutMs = 10_000): Promise<CapturedPost> {
  let resolveCaptured: (post: CapturedPost) => void = () => {};
  const captured = new Promise<CapturedPost>((resolve) => (resolveCaptured = resolve));
  const handler = async (route: Route) => {
    const request = route.request();
    // A form's post is multipart, plain or sent by the page's script (FormData); anything else the
    // page sends meanwhile goes on to the server: the editor's live preview (a Next-Action post of
    // text, 400 ms after hydration, which a loaded machine can put between the fill and the click).
    if (request.method() !== 'POST' || !/^multipart\/form-data;/.test((await request.headerValue('content-type')) ?? '')) return route.fallback();
    resolveCaptured({ url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) });
    await route.abort('aborted');
  };
  await page.route('**/*', handler);
  try {
    await submit();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`captureFormPost: no POST within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([captured, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await page.unroute('**/*', handler);
  }
}

/**
 * The captured post with every occurrence of each `from` replaced by its `to` (another
 * comment's id, another body). Throws when a `from` is not in the body, so a form that
 * stops carrying a field fails loudly instead of replaying the template unchanged.
 */
export function withReplaced(post: CapturedPost, replacements: [from: string, to: string][]): CapturedPost {
  let text = post.body.toString('utf8');
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`withReplaced: ${JSON.stringify(from)} is not in the captured body`);
    text = text.replaceAll(from, to);
  }
  return { ...post, body: Buffer.from(text, 'utf8') };
}

/**
 * The captured post (a form's or a script's) with named form fields set (a string) or removed (null). Bytes outside
 * those fields are kept as they were. Throws when a field to set is not in the body, so a
 * form that stops carrying a field fails loudly instead of replaying the template unchanged.
 */
export function withFields(post: CapturedPost, fields: Record<string, string | null>): CapturedPost {
  const boundary = boundaryOf(post);
  if (!boundary) throw new Error('withFields: the captured post is not multipart/form-data');
  // latin1 maps bytes to characters one to one, so untouched parts go back byte for byte.
  const parts = post.body.toString('latin1').split(`--${boundary}`);
  const seen = new Set<string>();
  const kept = parts.flatMap((part) => {
    const name = /^\r\nContent-Disposition: form-data; name="([^"]*)"\r\n\r\n/i.exec(part)?.[1];
    // A script's post (React's encodeReply) names a form's fields `_<n>_<field>`.
    const field = name?.replace(/^_[0-9a-f]+_/, '');
    if (name === undefined || field === undefined || !Object.hasOwn(fields, field)) return [part];
    seen.add(field);
    const value = fields[field];
    if (value === null || value === undefined) return [];
    return [`\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${Buffer.from(value, 'utf8').toString('latin1')}\r\n`];
  });
  const missing = Object.keys(fields).filter((name) => fields[name] !== null && !seen.has(name));
  if (missing.length) throw new Error(`withFields: ${missing.join(', ')} not in the captured body`);
  return { ...post, body: Buffer.from(kept.join(`--${boundary}`), 'latin1') };
}

/** The same post sent to another address of the site (the action runs wherever it is posted). */
export function toPath(post: CapturedPost, path: string): CapturedPost {
  return { ...post, url: new URL(path, post.url).toString() };
}

/** The same post sent from another site (its Origin replaced). */
export function fromOrigin(post: CapturedPost, origin: string): CapturedPost {
  return { ...post, headers: { ...post.headers, origin } };
}

/** The names of a multipart body's fields, in order (to check what was captured). */
export function multipartFieldNames(post: CapturedPost): string[] {
  const boundary = boundaryOf(post);
  if (!boundary) return [];
  const names: string[] = [];
  for (const part of post.body.toString('utf8').split(`--${boundary}`)) {
    const name = /^\r\nContent-Disposition: form-data; name="([^"]*)"/i.exec(part)?.[1];
    if (name !== undefined) names.push(name);
  }
  return names;
}

function boundaryOf(post: CapturedPost): string {
  return /boundary=([^;]+)/.exec(post.headers['content-type'] ?? '')?.[1]?.replace(/^"|"$/g, '') ?? '';
}

/** A browser context (for its `request`) carrying the sender's cookies, if any. Close it after use. */
export async function senderContext(browser: Browser, baseURL: string, sender: Sender): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  if (sender === 'forged') {
    const { hostname } = new URL(baseURL);
    await context.addCookies([{ name: SESSION_COOKIE, value: 'forged.not-a-signed-token', domain: hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
  } else if (sender !== 'anonymous') {
    await signInAs(context, sender, baseURL);
  }
  return context;
}

/**
 * Sends the captured post again, byte for byte, as the context's user and from a fresh
 * address. Redirects are not followed: the database, not the answer, says what happened.
 */
export async function replay(context: BrowserContext, post: CapturedPost): Promise<APIResponse> {
  const headers: Record<string, string> = { 'x-forwarded-for': uniqueAddress() };
  for (const [name, value] of Object.entries(post.headers)) {
    if (!NOT_REPLAYED.has(name.toLowerCase()) && !name.startsWith(':')) headers[name] = value;
  }
  return context.request.fetch(post.url, { method: 'POST', headers, data: post.body, maxRedirects: 0, failOnStatusCode: false });
}
