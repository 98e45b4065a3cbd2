import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, formatNumber, formatWait, getDictionary, isLocale, LOCALES } from '../../lib/i18n';
import { errorPageStrings } from '../../lib/i18n/error-page';

type Node = unknown;

/** Every leaf of a dictionary as [path, value]: strings, and functions called with 1 for each parameter. */
function leaves(node: Node, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (typeof node === 'function') {
    const fn = node as (...args: unknown[]) => unknown;
    return [[`${path}()`, String(fn(...Array.from({ length: fn.length }, () => 1)))]];
  }
  assert.ok(node !== null && typeof node === 'object', `${path} is a string, a function or a section`);
  return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('Spanish carries the seed page strings', () => {
  const es = getDictionary('es');
  assert.equal(es.comments, 'Comentarios');
  assert.equal(es.recentPosts, 'Publicaciones recientes');
  assert.equal(es.seeAll, 'Ver todo');
  assert.equal(es.views('0'), '0 visualizaciones');
});

test('every language has every string, sections included, none empty, with the same {placeholders}', () => {
  const english = new Map(leaves(getDictionary('en')));
  assert.ok(english.size > 200, `${english.size} strings`);
  for (const locale of LOCALES) {
    const strings = new Map(leaves(getDictionary(locale)));
    assert.deepEqual([...strings.keys()].sort(), [...english.keys()].sort(), locale);
    for (const [path, text] of strings) {
      assert.ok(text.trim().length > 0, `${locale}.${path}`);
      assert.deepEqual(placeholders(text), placeholders(english.get(path) ?? ''), `${locale}.${path}: ${text}`);
    }
  }
});

test('Spanish translates every string but the ones that are the same word in both', () => {
  const english = new Map(leaves(getDictionary('en')));
  const untranslated = leaves(getDictionary('es'))
    .filter(([path, text]) => text === english.get(path))
    .map(([path]) => path);
  assert.deepEqual(untranslated, ['blog']);
});

test('dates, numbers and waits are formatted for the locale', () => {
  assert.equal(formatDate('2023-03-14T10:00:00Z', 'en'), 'Mar 14, 2023');
  assert.equal(formatDate('2023-03-14T10:00:00Z', 'es'), '14 mar 2023');
  assert.equal(formatNumber(12345, 'en'), '12,345');
  assert.equal(formatNumber(12345, 'es'), '12.345');
  assert.equal(formatWait(8, 'en'), '8 seconds');
  assert.equal(formatWait(1, 'es'), '1 segundo');
  assert.equal(formatWait(89, 'es'), '89 segundos');
  assert.equal(formatWait(90, 'en'), '2 minutes');
  assert.equal(formatWait(900, 'es'), '15 minutos');
  assert.equal(isLocale('fr'), false);
});

test('Spanish refusals with a wait say how long in Spanish', () => {
  const { messages } = getDictionary('es');
  assert.equal(messages.comments.tooFast(8), 'Estás comentando demasiado rápido. Vuelve a intentarlo en 8 segundos.');
  assert.equal(messages.auth.tooManySignIns(850), 'Demasiados intentos fallidos de iniciar sesión. Vuelve a intentarlo en 15 minutos.');
  assert.equal(getDictionary('en').messages.comments.tooFast(8), 'You are commenting too fast. Try again in 8 seconds.');
});

test('a data-layer refusal (a reason code, field errors as codes) is worded in each language', async () => {
  const { wordRefusal } = await import('../../lib/i18n/refusal-words');
  const refused = { status: 409, reason: 'chooseAddress', fieldErrors: { slug: 'postSlugTaken' } } as const;
  assert.deepEqual(wordRefusal(refused, getDictionary('en')), { status: 409, message: 'Choose another address.', fieldErrors: { slug: 'Another post uses this address.' } });
  assert.deepEqual(wordRefusal(refused, getDictionary('es')), { status: 409, message: 'Elige otra dirección.', fieldErrors: { slug: 'Otra publicación usa esta dirección.' } });
  assert.equal(wordRefusal({ status: 409, reason: 'importRunning', detail: 'site.xml' }, getDictionary('en')).message.includes('(site.xml)'), true);
});

test("the error boundary's own strings are the dictionaries' (it loads only them in the browser)", () => {
  for (const locale of LOCALES) {
    const t = getDictionary(locale);
    assert.deepEqual(errorPageStrings(locale), { errorTitle: t.errorTitle, errorText: t.errorText, retry: t.retry }, locale);
  }
  assert.equal(errorPageStrings('es').retry, 'Reintentar');
  assert.deepEqual(errorPageStrings('fr'), errorPageStrings('en'), 'an unknown language falls back to English');
});
