export { I18nProvider, useI18n, type I18n } from './I18nProvider';
export { detectLang, isLang, LANGS, type Lang } from './catalog';
export { makeFormatters, type Formatters } from './format';
export type { Translate, Params } from './translate';
