import { useState } from 'react';
import { Activity } from 'lucide-react';
import { listRuns, type RunView, type SourceView } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n';
import { useAsync } from '../shared/useAsync';
import { SourceFilter, sourceLabel } from './SourceFilter';

const RUN_LIMIT = 100;

const statusTone: Record<string, string> = {
  running: 'bg-blue-100 text-blue-900',
  ok: 'bg-emerald-100 text-emerald-900',
  partial: 'bg-amber-100 text-amber-900',
  failed: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-200 text-slate-800',
};

/** Runs of one source, or of every source merged newest first. */
async function loadRuns(sources: SourceView[], sourceId: number): Promise<RunView[]> {
  const ids = sourceId ? [sourceId] : sources.map((s) => s.id);
  const lists = await Promise.all(ids.map((id) => listRuns(id, RUN_LIMIT)));
  return lists.flat().sort((a, b) => b.startedMs - a.startedMs).slice(0, RUN_LIMIT);
}

/** Every sync run: when, what it did, what it cost, what went wrong. */
export function RunsHistory({ sources }: { sources: SourceView[] }) {
  const { t, fmt } = useI18n();
  const [sourceId, setSourceId] = useState(0);
  const sourceKey = sources.map((s) => s.id).join(',');
  const { state, reload } = useAsync(() => loadRuns(sources, sourceId), [sourceKey, sourceId]);
  const runs = state.data ?? [];
  const costed = runs.filter((r) => r.costEstimated);
  const totalCost = costed.reduce((sum, r) => sum + r.estimatedCostUsd, 0);

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <div className="flex items-end justify-between gap-3">
        <SourceFilter sources={sources} value={sourceId} onChange={setSourceId} />
        {costed.length > 0 && <p className="text-sm text-slate-700">{t('history.runsCost', { count: costed.length, cost: fmt.usd(totalCost) })}</p>}
      </div>
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => reload()} />}
      {state.status === 'loading' && !state.data && <Loading label={t('common.loading')} />}
      {state.status === 'ready' && runs.length === 0 && <EmptyState icon={<Activity className="size-8" />} title={t('history.noRuns')} />}
      {runs.length > 0 && (
        <div className="min-h-0 flex-1 overflow-auto rounded-md border border-slate-200 bg-white">
          <table aria-label={t('history.tab.runs')} className="w-full table-fixed text-sm">
            <colgroup>
              <col className="w-44" />
              <col />
              <col className="w-28" />
              <col className="w-24" />
              <col className="w-20" />
              <col className="w-24" />
              <col className="w-24" />
              <col className="w-24" />
            </colgroup>
            <thead className="sticky top-0 bg-slate-100 text-left text-xs font-semibold text-slate-700">
              <tr className="h-9">
                <th scope="col" className="px-3">{t('history.col.started')}</th>
                <th scope="col" className="px-2">{t('history.col.source')}</th>
                <th scope="col" className="px-2">{t('history.col.status')}</th>
                <th scope="col" className="px-2 text-right">{t('history.col.new')}</th>
                <th scope="col" className="px-2 text-right">{t('history.col.failed')}</th>
                <th scope="col" className="px-2 text-right">{t('history.col.bytes')}</th>
                <th scope="col" className="px-2 text-right">{t('history.col.requests')}</th>
                <th scope="col" className="px-2 text-right">{t('history.col.cost')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2">
                    <p>{fmt.dateTime(r.startedMs)}</p>
                    <p className="text-xs text-slate-600">
                      {t(`run.trigger.${r.trigger}`) === `run.trigger.${r.trigger}` ? r.trigger : t(`run.trigger.${r.trigger}`)}
                      {r.finishedMs > 0 && ` · ${fmt.duration(r.finishedMs - r.startedMs)}`}
                    </p>
                  </td>
                  <td className="px-2 py-2">
                    <p className="truncate font-mono text-xs text-slate-800">{sourceLabel(sources, r.sourceId)}</p>
                    {r.errorSummary && <p className="mt-1 text-xs break-words text-red-800">{r.errorSummary}</p>}
                  </td>
                  <td className="px-2 py-2">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${statusTone[r.status] ?? statusTone.ok}`}>{t(`run.status.${r.status}`)}</span>
                  </td>
                  <td className="px-2 py-2 text-right tabular-nums" title={t('history.skippedTitle', { count: r.skipped })}>{fmt.number(r.downloaded)}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{fmt.number(r.failed)}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{fmt.bytes(r.bytes)}</td>
                  <td className="px-2 py-2 text-right tabular-nums" title={t('history.requestsTitle', { list: r.listRequests, get: r.getRequests, head: r.headRequests })}>
                    {fmt.number(r.listRequests + r.getRequests + r.headRequests)}
                  </td>
                  <td className="px-2 py-2 text-right tabular-nums" title={r.costEstimated ? undefined : t('history.costNotAws')}>
                    {r.costEstimated ? fmt.usd(r.estimatedCostUsd) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
