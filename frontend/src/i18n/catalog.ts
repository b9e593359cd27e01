// The message catalogs: the UI's own strings (en.json, vi.json beside this file) merged with the
// error messages and hints that the Go side keeps in backend/apperr/messages, so an error code
// has one text for the desktop app and the CLI.
import en from './en.json';
import vi from './vi.json';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
export type Messages = Record<string, string>;

const backendFiles = import.meta.glob<Messages>('../../../backend/apperr/messages/*.json', {
  eager: true,
  import: 'default',
});

/** The error texts from backend/apperr/messages, by language. */
export function backendMessages(lang: Lang): Messages {
  for (const [path, messages] of Object.entries(backendFiles)) {
    if (path.endsWith(`/${lang}.json`)) return messages;
  }
  return {};
}

export const uiMessages: Record<Lang, Messages> = { en, vi };

export const catalogs: Record<Lang, Messages> = {
  en: { ...backendMessages('en'), ...en },
  vi: { ...backendMessages('vi'), ...vi },
};

export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

/** vi when the OS or browser language is Vietnamese, else en. */
export function detectLang(languages: readonly string[] = navigator.languages ?? [navigator.language]): Lang {
  const first = languages.find(Boolean) ?? '';
  return first.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}
