import { useState, type ReactNode } from 'react';
import { Cloud, FolderSync, History, Settings as SettingsIcon } from 'lucide-react';
import type { AppState } from '../../bridge';
import { useI18n } from '../../i18n';
import { BrowsePage } from '../browse/BrowsePage';
import { HistoryPage } from '../history/HistoryPage';
import { SettingsPage } from '../settings/SettingsPage';
import { SourcesPage } from '../sources/SourcesPage';

export type Page = 'sources' | 'browse' | 'history' | 'settings';

const NAV: ReadonlyArray<{ page: Page; icon: ReactNode }> = [
  { page: 'sources', icon: <FolderSync aria-hidden className="size-5" /> },
  { page: 'browse', icon: <Cloud aria-hidden className="size-5" /> },
  { page: 'history', icon: <History aria-hidden className="size-5" /> },
  { page: 'settings', icon: <SettingsIcon aria-hidden className="size-5" /> },
];

/** The main window: a sidebar of pages and the page itself. */
export function MainWindow({ appState, onAddSource, initialPage = 'sources' }: { appState: AppState; onAddSource(): void; initialPage?: Page }) {
  const { t } = useI18n();
  const [page, setPage] = useState<Page>(initialPage);
  return (
    <div className="flex h-full min-h-0">
      <nav aria-label={t('nav.label')} className="flex w-56 shrink-0 flex-col gap-1 border-r border-slate-200 bg-white p-3">
        <p className="px-2 pt-1 pb-4 text-lg font-bold text-slate-900">{t('app.name')}</p>
        {NAV.map((item) => (
          <button
            key={item.page}
            type="button"
            aria-current={page === item.page ? 'page' : undefined}
            onClick={() => setPage(item.page)}
            className={`flex items-center gap-3 rounded-md px-3 py-2 text-left text-sm font-medium ${page === item.page ? 'bg-blue-50 text-blue-900' : 'text-slate-700 hover:bg-slate-100'}`}
          >
            {item.icon}
            {t(`nav.${item.page}`)}
          </button>
        ))}
        <div className="mt-auto flex flex-col gap-1 px-2 text-xs text-slate-600">
          {appState.demo && <span className="w-fit rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">{t('app.demo')}</span>}
          <span>{t('app.version', { version: appState.version || 'dev' })}</span>
        </div>
      </nav>
      <main className="min-w-0 flex-1">
        {page === 'sources' && <SourcesPage onAddSource={onAddSource} />}
        {page === 'browse' && <BrowsePage />}
        {page === 'history' && <HistoryPage />}
        {page === 'settings' && <SettingsPage />}
      </main>
    </div>
  );
}
