import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider, type Lang } from '../i18n';

/** Renders inside the i18n provider (English unless told) with a user-event session. */
export function renderWithI18n(ui: ReactElement, lang: Lang = 'en') {
  const user = userEvent.setup();
  return { user, ...render(<I18nProvider initialLang={lang}>{ui}</I18nProvider>) };
}
