import { useState } from 'react';
import { listSources } from '../../bridge';
import { useI18n } from '../../i18n';
import { PageHeader } from '../shell/PageHeader';
import { useAsync } from '../shared/useAsync';
import { FilesHistory } from './FilesHistory';
import { RunsHistory } from './RunsHistory';

type Tab = 'files' | 'runs';

/** What was downloaded and every sync run, with its summary and estimated cost. */
export function HistoryPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('files');
  const sources = useAsync(listSources, []);
  const list = sources.state.status === 'ready' ? sources.state.data : [];
  const tabs: Tab[] = ['files', 'runs'];

  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader title={t('nav.history')} description={t('history.description')} />
      <div role="tablist" aria-label={t('nav.history')} className="flex gap-1 border-b border-slate-200 bg-white px-6">
        {tabs.map((id) => (
          <button
            key={id}
            id={`history-tab-${id}`}
            role="tab"
            type="button"
            aria-selected={tab === id}
            aria-controls={`history-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = tabs[(tabs.indexOf(id) + 1) % tabs.length];
                setTab(next);
                document.getElementById(`history-tab-${next}`)?.focus();
              }
            }}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === id ? 'border-blue-600 text-blue-900' : 'border-transparent text-slate-700 hover:text-slate-900'}`}
          >
            {t(`history.tab.${id}`)}
          </button>
        ))}
      </div>
      <div id={`history-panel-${tab}`} role="tabpanel" aria-labelledby={`history-tab-${tab}`} className="flex min-h-0 flex-1 flex-col px-6 py-4">
        {tab === 'files' ? <FilesHistory sources={list} /> : <RunsHistory sources={list} />}
      </div>
    </div>
  );
}
