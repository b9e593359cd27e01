import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { catalogs, detectLang, type Lang } from './catalog';
import { makeFormatters, type Formatters } from './format';
import { makeTranslate, type Translate } from './translate';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  fmt: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ initialLang, children }: { initialLang?: Lang; children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(() => initialLang ?? detectLang());
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: makeTranslate(lang, catalogs[lang], catalogs.en),
      fmt: makeFormatters(lang),
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
