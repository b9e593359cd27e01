import { useState } from 'react';
import { CheckCircle2 } from 'lucide-react';
import { setLanguage, toAppError, type AppError } from '../../bridge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n, type Lang } from '../../i18n';

const CHOICES: ReadonlyArray<{ lang: Lang; label: string }> = [
  { lang: 'vi', label: 'Tiếng Việt' },
  { lang: 'en', label: 'English' },
];

/** Step 1: what the app does, what the user needs, and the language. */
export function WelcomeStep() {
  const { t, lang, setLang } = useI18n();
  const [error, setError] = useState<AppError | null>(null);
  const choose = (next: Lang) => {
    setLang(next);
    setError(null);
    setLanguage(next).catch((e) => setError(toAppError(e)));
  };
  return (
    <div className="flex flex-col gap-5">
      <p className="text-base text-slate-700">{t('wizard.welcome.intro')}</p>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t('wizard.welcome.language')}</legend>
        <div className="flex gap-3">
          {CHOICES.map((c) => (
            <label key={c.lang} className={`flex w-48 cursor-pointer items-center gap-3 rounded-lg border px-4 py-3 text-base ${lang === c.lang ? 'border-blue-600 bg-blue-50 font-semibold text-blue-950' : 'border-slate-300 bg-white text-slate-800'}`}>
              <input type="radio" name="lang" className="accent-blue-600" checked={lang === c.lang} onChange={() => choose(c.lang)} />
              <span lang={c.lang}>{c.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && <ErrorNotice compact error={error} />}
      <div>
        <h2 className="mb-2 text-sm font-semibold text-slate-900">{t('wizard.welcome.needTitle')}</h2>
        <ul className="flex flex-col gap-2">
          {['need1', 'need2', 'need3'].map((k) => (
            <li key={k} className="flex items-start gap-2 text-sm text-slate-700">
              <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-700" />
              {t(`wizard.welcome.${k}`)}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
