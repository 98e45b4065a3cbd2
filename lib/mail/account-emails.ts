import 'server-only';

// The two emails of a password sign-up with verification: the link that confirms a new
// address, and the note to an address that already has an account. Plain text and simple
// HTML; every value is escaped in the HTML.

export type AccountEmail = { subject: string; text: string; html: string };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(paragraphs: string[]): string {
  return `<!doctype html>
<html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#171717">
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</body></html>`;
}

export function composeConfirmationEmail(m: { siteName: string; name: string; url: string; validHours: number }): AccountEmail {
  const e = escapeHtml;
  const ignore = 'If you did not sign up, ignore this email.';
  const text = [
    `Hi ${m.name},`,
    '',
    `Confirm your email address to finish creating your account on ${m.siteName}:`,
    '',
    m.url,
    '',
    `The link is valid for ${m.validHours} hours.`,
    '',
    ignore,
    '',
  ].join('\n');
  const html = page([
    `Hi ${e(m.name)},`,
    `Confirm your email address to finish creating your account on ${e(m.siteName)}:`,
    `<a href="${e(m.url)}">Confirm your email address</a>`,
    `The link is valid for ${m.validHours} hours.`,
    `<span style="font-size:12px;color:#737373">${e(ignore)}</span>`,
  ]);
  return { subject: `Confirm your email address for ${m.siteName}`, text, html };
}

export function composeSignUpAttemptEmail(m: { siteName: string; signInUrl: string }): AccountEmail {
  const e = escapeHtml;
  const intro = `Someone tried to create an account on ${m.siteName} with this email address, which already has an account.`;
  const ignore = 'If it was not you, ignore this email: nothing has changed.';
  const text = [intro, '', `If it was you, sign in instead: ${m.signInUrl}`, '', ignore, ''].join('\n');
  const html = page([e(intro), `If it was you, <a href="${e(m.signInUrl)}">sign in</a> instead.`, e(ignore)]);
  return { subject: `Your account on ${m.siteName}`, text, html };
}
