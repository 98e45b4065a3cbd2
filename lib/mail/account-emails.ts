import 'server-only';
import { getDictionary, type Locale } from '@/lib/i18n';
import { escapeHtml as e, htmlPage, SMALL_PRINT } from './html';

// The account emails, in the site's language: the link that confirms a new address, the
// note to an address that already has an account, and the link that sets a password
// (a reset, or the first password of an imported account). Plain text and simple HTML;
// every value is escaped in the HTML.

export type AccountEmail = { subject: string; text: string; html: string };

export function composeConfirmationEmail(m: { siteName: string; name: string; url: string; validHours: number }, locale: Locale): AccountEmail {
  const { greeting, confirmation: c } = getDictionary(locale).emails;
  const text = [greeting(m.name), '', c.intro(m.siteName), '', m.url, '', c.validFor(m.validHours), '', c.ignore, ''].join('\n');
  const html = htmlPage(locale, [
    `<p>${greeting(e(m.name))}</p>`,
    `<p>${c.intro(e(m.siteName))}</p>`,
    `<p><a href="${e(m.url)}">${c.button}</a></p>`,
    `<p>${c.validFor(m.validHours)}</p>`,
    `<p><span style="${SMALL_PRINT}">${e(c.ignore)}</span></p>`,
  ]);
  return { subject: c.subject(m.siteName), text, html };
}

export function composeSignUpAttemptEmail(m: { siteName: string; signInUrl: string }, locale: Locale): AccountEmail {
  const a = getDictionary(locale).emails.signUpAttempt;
  const text = [a.intro(m.siteName), '', a.signInText(m.signInUrl), '', a.ignore, ''].join('\n');
  const html = htmlPage(locale, [
    `<p>${a.intro(e(m.siteName))}</p>`,
    `<p>${a.signInHtml(`<a href="${e(m.signInUrl)}">${a.signInLink}</a>`)}</p>`,
    `<p>${e(a.ignore)}</p>`,
  ]);
  return { subject: a.subject(m.siteName), text, html };
}

/** A password reset link; `claim` for an account that never had a password (imported or restored). */
export function composePasswordResetEmail(m: { siteName: string; name: string | null; url: string; validMinutes: number; claim: boolean }, locale: Locale): AccountEmail {
  const { greeting, passwordReset: r } = getDictionary(locale).emails;
  const intro = m.claim ? r.claimIntro : r.resetIntro;
  const text = [greeting(m.name), '', intro(m.siteName), '', m.url, '', r.validFor(m.validMinutes), '', r.ignore, ''].join('\n');
  const html = htmlPage(locale, [
    `<p>${greeting(m.name === null ? null : e(m.name))}</p>`,
    `<p>${intro(e(m.siteName))}</p>`,
    `<p><a href="${e(m.url)}">${m.claim ? r.claimButton : r.resetButton}</a></p>`,
    `<p>${r.validFor(m.validMinutes)}</p>`,
    `<p><span style="${SMALL_PRINT}">${e(r.ignore)}</span></p>`,
  ]);
  return { subject: (m.claim ? r.claimSubject : r.resetSubject)(m.siteName), text, html };
}
