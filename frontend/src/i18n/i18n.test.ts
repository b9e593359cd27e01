import { describe, expect, it } from 'vitest';
import { backendMessages, catalogs, detectLang, uiMessages, type Messages } from './catalog';
import { makeFormatters } from './format';
import { makeTranslate } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function expectSameKeysAndPlaceholders(vi: Messages, en: Messages) {
  expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
  for (const key of Object.keys(en)) {
    expect({ key, vi: placeholders(vi[key]) }).toEqual({ key, vi: placeholders(en[key]) });
    expect({ key, empty: vi[key].trim() === '' }).toEqual({ key, empty: false });
  }
}

const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.*', '!../test/**'], {
  eager: true,
  query: '?raw',
  import: 'default',
});

describe('message catalogs', () => {
  it('have the same keys and placeholders in Vietnamese and English (UI texts)', () => {
    expectSameKeysAndPlaceholders(uiMessages.vi, uiMessages.en);
  });

  it('have the same keys and placeholders in Vietnamese and English (error texts from backend/apperr/messages)', () => {
    const en = backendMessages('en');
    const vi = backendMessages('vi');
    expect(Object.keys(en).length).toBeGreaterThan(0);
    expectSameKeysAndPlaceholders(vi, en);
  });

  it('keep UI keys apart from the backend error keys', () => {
    const backend = new Set(Object.keys(backendMessages('en')));
    expect(Object.keys(uiMessages.en).filter((k) => backend.has(k))).toEqual([]);
  });

  it('contain every key the code names literally', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/'(wizard\.validation\.[a-zA-Z]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    const has = (key: string) => key in catalogs.en || `${key}.other` in catalogs.en;
    expect([...used].filter((k) => !has(k))).toEqual([]);
  });

  it('contain the keys the code builds from parts', () => {
    const built = [
      ...['welcome', 'prepare', 'credentials', 'bucket', 'local', 'summary'].flatMap((s) => [`wizard.step.${s}`, `wizard.${s}.title`]),
      ...['need1', 'need2', 'need3'].map((k) => `wizard.welcome.${k}`),
      ...['keys', 'profile', 'saved'].map((m) => `wizard.cred.mode.${m}`),
      ...['15', '60', '360', '1440', 'custom'].map((p) => `options.schedule.${p}`),
      ...['running', 'ok', 'partial', 'failed', 'cancelled'].map((s) => `run.status.${s}`),
      ...['sources', 'browse', 'history', 'settings'].map((p) => `nav.${p}`),
      ...['files', 'runs'].map((p) => `history.tab.${p}`),
      ...['name', 'size', 'modifiedMs', 'storageClass'].map((c) => `files.col.${c}`),
      ...['started', 'waiting', 'cancelled'].map((k) => `downloads.${k}`),
    ];
    expect(built.filter((k) => !(k in uiMessages.en))).toEqual([]);
  });
});

describe('t', () => {
  const t = makeTranslate('en', { hello: 'Hello {name}', 'files.one': '{count} file', 'files.other': '{count} files' }, { only: 'fallback' });

  it('fills placeholders and picks the plural form', () => {
    expect(t('hello', { name: 'Lan' })).toBe('Hello Lan');
    expect(t('files', { count: 1 })).toBe('1 file');
    expect(t('files', { count: 12345 })).toBe('12,345 files');
  });

  it('falls back to the other catalog, then to the key', () => {
    expect(t('only')).toBe('fallback');
    expect(t('missing.key')).toBe('missing.key');
  });

  it('formats numbers for Vietnamese', () => {
    const vi = makeTranslate('vi', { n: '{count} tệp' }, {});
    expect(vi('n', { count: 12345 })).toBe('12.345 tệp');
  });
});

describe('formatters', () => {
  it('format sizes, durations and money per locale', () => {
    const en = makeFormatters('en');
    const vi = makeFormatters('vi');
    expect(en.bytes(1536)).toBe('1.5 KB');
    expect(vi.bytes(1536)).toBe('1,5 KB');
    expect(en.bytes(0)).toBe('0 B');
    expect(en.duration(90 * 60_000)).toBe('1 h 30 min');
    expect(vi.duration(90 * 60_000)).toBe('1 giờ 30 phút');
    expect(vi.duration(15 * 60_000)).toBe('15 phút');
    expect(en.usd(0.0123)).toBe('$0.01');
    expect(en.usd(0.0000426)).toBe('$0.000043');
    expect(vi.usd(12.5)).toBe('12,50\u00a0US$');
    expect(en.date(0)).toBe('—');
  });
});

describe('detectLang', () => {
  it('chooses Vietnamese for vi locales and English otherwise', () => {
    expect(detectLang(['vi-VN', 'en-US'])).toBe('vi');
    expect(detectLang(['vi'])).toBe('vi');
    expect(detectLang(['en-GB'])).toBe('en');
    expect(detectLang(['fr-FR', 'vi-VN'])).toBe('en');
    expect(detectLang([])).toBe('en');
  });
});
