// The 403 and 404 pages proxy.ts sends for admin pages the signed-in reader may not open (and
// for /setup), and its 400 for a malformed address: plain HTML with its own small style sheet, so it needs neither a render nor a
// database read.

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function forbiddenHtml(name: string): string {
  return page('Not allowed', 'You cannot open this page', `You are signed in as <strong>${escape(name)}</strong>. This part of the admin area is for staff with a role that allows it.`);
}

/** An admin page about something that does not exist, or that the viewer may not know exists. */
export function notFoundHtml(): string {
  return page('Not found', 'Page not found', 'There is nothing here, or nothing your role lets you open.');
}

/** A path whose percent-escapes are not UTF-8 (lib/bad-path.mjs), under `npm run dev`. */
export function badAddressHtml(): string {
  return page('Bad address', 'This address is not valid', 'Part of it is encoded in a way no page can have (a broken <code>%</code> escape).', '<a href="/">Back to the site</a>');
}

/** /setup without the setup link's token (proxy.ts): a stranger must not create the first admin. */
export function setupRefusedHtml(): string {
  return page(
    'Setup link needed',
    'Open the setup link',
    'Open the setup link printed by <code>npm start</code>. On a server, <code>npm run setup-link</code> prints it (it needs the site\'s <code>DATABASE_URL</code> and <code>AUTH_SECRET</code>).',
    '<a href="/">Back to the site</a>',
  );
}

const LINKS = '<a href="/">Back to the site</a> · <a href="/profile">Your profile (sign out or switch accounts)</a>';

function page(title: string, heading: string, text: string, links = LINKS): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fafafa;color:#171717}
main{max-width:36rem;margin:4rem auto;padding:0 1rem}
h1{font-size:1.875rem;margin:0 0 1rem}
a{color:#115e59}
</style>
</head>
<body>
<main>
<h1>${heading}</h1>
<p>${text}</p>
<p>${links}</p>
</main>
</body>
</html>
`;
}
