import type { Lang, Messages } from './catalog';

export type Params = Record<string, string | number | undefined | null>;
export type Translate = (key: string, params?: Params) => string;

/**
 * makeTranslate looks a key up in the language's catalog, then in the fallback, then shows the
 * key itself. With a numeric {count}, "key.one"/"key.other" are chosen by the plural rules.
 * Numbers in params are formatted for the locale; {name} placeholders are replaced.
 */
export function makeTranslate(lang: Lang, catalog: Messages, fallback: Messages): Translate {
  const plural = new Intl.PluralRules(lang === 'vi' ? 'vi-VN' : 'en-US');
  const numbers = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US');
  const lookup = (key: string): string | undefined => catalog[key] ?? fallback[key];

  return (key, params) => {
    let text: string | undefined;
    const count = params?.count;
    if (typeof count === 'number') {
      text = lookup(`${key}.${plural.select(count)}`) ?? lookup(`${key}.other`);
    }
    text ??= lookup(key);
    if (text === undefined) return key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = params[name];
      if (value === undefined || value === null) return match;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
}
