import { useEffect, useState } from 'react';
import { ChevronLeft, ChevronRight, FolderOpen, History } from 'lucide-react';
import { historyPage, openFolder, type SourceView } from '../../bridge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n';
import { useAsync } from '../shared/useAsync';
import { SourceFilter, sourceLabel } from './SourceFilter';

export const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

const dirOf = (path: string) => path.replace(/[\\/][^\\/]*$/, '') || path;
const baseName = (key: string) => key.slice(key.lastIndexOf('/') + 1) || key;
/** "YYYY-MM-DD" from a date input, as local midnight in ms; 0 when empty. */
const dayStart = (value: string) => (value ? new Date(`${value}T00:00:00`).getTime() : 0);

/** Downloaded files, searched and filtered in the database, a page at a time. */
export function FilesHistory({ sources }: { sources: SourceView[] }) {
  const { t, fmt } = useI18n();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [sourceId, setSourceId] = useState(0);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search.trim());
      setOffset(0);
    }, 300);
    return () => clearTimeout(timer);
  }, [search]);

  const { state, reload } = useAsync(
    () => historyPage({ sourceId, search: query, fromMs: dayStart(from), toMs: to ? dayStart(to) + DAY_MS - 1 : 0, limit: PAGE_SIZE, offset }),
    [sourceId, query, from, to, offset],
  );
  const page = state.data;
  const rows = page?.rows ?? [];
  const total = page?.total ?? 0;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <div className="flex flex-wrap items-start gap-3">
        <TextField label={t('history.search')} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('history.searchPlaceholder')} fieldClassName="min-w-56 flex-1" />
        <SourceFilter sources={sources} value={sourceId} onChange={(id) => { setSourceId(id); setOffset(0); }} />
        <TextField label={t('history.from')} type="date" value={from} onChange={(e) => { setFrom(e.target.value); setOffset(0); }} fieldClassName="w-40" />
        <TextField label={t('history.to')} type="date" value={to} onChange={(e) => { setTo(e.target.value); setOffset(0); }} fieldClassName="w-40" />
      </div>

      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => reload()} />}
      {state.status === 'loading' && !page && <Loading label={t('common.loading')} />}
      {page && rows.length === 0 && state.status !== 'loading' && (
        <EmptyState icon={<History className="size-8" />} title={query || sourceId || from || to ? t('history.noMatch') : t('history.empty')} />
      )}
      {rows.length > 0 && (
        <div className="min-h-0 flex-1 overflow-auto rounded-md border border-slate-200 bg-white">
          <table aria-label={t('history.tab.files')} aria-busy={state.status === 'loading'} className="w-full table-fixed text-sm">
            <colgroup>
              <col />
              <col className="w-48" />
              <col className="w-24" />
              <col className="w-44" />
              <col className="w-44" />
              <col className="w-12" />
            </colgroup>
            <thead className="sticky top-0 bg-slate-100 text-left text-xs font-semibold text-slate-700">
              <tr className="h-9">
                <th scope="col" className="px-3">{t('history.col.file')}</th>
                <th scope="col" className="px-2">{t('history.col.source')}</th>
                <th scope="col" className="px-2 text-right">{t('history.col.size')}</th>
                <th scope="col" className="px-2">{t('history.col.modified')}</th>
                <th scope="col" className="px-2">{t('history.col.downloaded')}</th>
                <th scope="col" className="px-2"><span className="sr-only">{t('sources.openFolder')}</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="h-10 border-t border-slate-100">
                  <td className="px-3">
                    <p className="truncate font-medium text-slate-900" title={r.key}>{baseName(r.key)}</p>
                    <p className="truncate font-mono text-xs text-slate-600" title={r.localPath}>{r.localPath}</p>
                  </td>
                  <td className="truncate px-2 font-mono text-xs text-slate-700">{sourceLabel(sources, r.sourceId)}</td>
                  <td className="px-2 text-right tabular-nums">{fmt.bytes(r.size)}</td>
                  <td className="truncate px-2">{fmt.dateTime(r.modifiedMs)}</td>
                  <td className="truncate px-2">{fmt.dateTime(r.downloadedMs)}</td>
                  <td className="px-2">
                    <button type="button" onClick={() => void openFolder(dirOf(r.localPath)).catch(() => undefined)} aria-label={t('history.openFolderOf', { name: baseName(r.key) })} className="rounded p-1 text-slate-700 hover:bg-slate-100">
                      <FolderOpen aria-hidden className="size-4" />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > 0 && (
        <nav aria-label={t('history.pages')} className="flex items-center justify-between">
          <p className="text-sm text-slate-700">{t('history.range', { from: offset + 1, to: Math.min(offset + PAGE_SIZE, total), total })}</p>
          <div className="flex gap-2">
            <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(offset - PAGE_SIZE, 0))} icon={<ChevronLeft aria-hidden className="size-4" />}>
              {t('history.prev')}
            </Button>
            <Button size="sm" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              {t('history.next')}
              <ChevronRight aria-hidden className="size-4" />
            </Button>
          </div>
        </nav>
      )}
    </div>
  );
}
