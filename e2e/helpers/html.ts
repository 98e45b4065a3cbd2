// Reading raw server HTML the way a crawler without JavaScript does.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The HTML without <script> blocks: what is really markup, not the hydration payload. */
export function withoutScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
}

/** The decoded value of `attr` on the first `<tag>` whose attributes match `where` (e.g. name="description"). */
export function attributeOf(html: string, tag: string, where: RegExp, attr: string): string | null {
  for (const match of html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'gi'))) {
    const element = match[0];
    if (!where.test(element)) continue;
    const value = new RegExp(`\\s${attr}="([^"]*)"`, 'i').exec(element)?.[1];
    if (value !== undefined) return decodeEntities(value);
  }
  return null;
}

export const metaContent = (html: string, key: string) =>
  attributeOf(html, 'meta', new RegExp(`(?:name|property)="${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`), 'content');

/** Text of every <tag>…</tag>, tags inside stripped and entities decoded. */
export function textsOf(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'gi'))].map((m) =>
    decodeEntities((m[1] ?? '').replace(/<[^>]+>/g, '')).trim(),
  );
}
