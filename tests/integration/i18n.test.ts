import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, formatNumber, getDictionary, isLocale, LOCALES } from '../../lib/i18n';

test('Spanish carries the seed page strings', () => {
  const es = getDictionary('es');
  assert.equal(es.comments, 'Comentarios');
  assert.equal(es.recentPosts, 'Publicaciones recientes');
  assert.equal(es.seeAll, 'Ver todo');
  assert.equal(es.views('0'), '0 visualizaciones');
});

test('every language has every string, none empty', () => {
  const keys = Object.keys(getDictionary('en')).sort();
  for (const locale of LOCALES) {
    const t = getDictionary(locale);
    assert.deepEqual(Object.keys(t).sort(), keys, locale);
    for (const [key, value] of Object.entries(t)) {
      const text = typeof value === 'function' ? (value as (x: string) => string)('1') : value;
      assert.ok(String(text).trim().length > 0, `${locale}.${key}`);
    }
  }
});

test('dates and numbers are formatted for the locale', () => {
  assert.equal(formatDate('2023-03-14T10:00:00Z', 'en'), 'Mar 14, 2023');
  assert.equal(formatDate('2023-03-14T10:00:00Z', 'es'), '14 mar 2023');
  assert.equal(formatNumber(12345, 'en'), '12,345');
  assert.equal(formatNumber(12345, 'es'), '12.345');
  assert.equal(isLocale('fr'), false);
});
