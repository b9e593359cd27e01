import { ArrowRight, FolderOpen, Pause, Pencil, Play, RefreshCw, Square, Trash2 } from 'lucide-react';
import type { RunView, SourceView, SyncProgress } from '../bridge';
import { useI18n } from '../i18n';
import { Button } from './Button';
import { scheduleLabel } from './scheduleLabel';
import { SyncProgressView } from './SyncProgressView';

export interface SourceCardProps {
  source: SourceView;
  progress: SyncProgress | null;
  onSyncNow(): void;
  onCancel(): void;
  onTogglePause(): void;
  onEdit(): void;
  onRemove(): void;
  onOpenFolder(): void;
}

const statusTone: Record<RunView['status'], string> = {
  running: 'bg-blue-100 text-blue-900',
  ok: 'bg-emerald-100 text-emerald-900',
  partial: 'bg-amber-100 text-amber-900',
  failed: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-200 text-slate-800',
};

/** One source: where from, where to, when, how the last run went, and its live progress. */
export function SourceCard({ source, progress, onSyncNow, onCancel, onTogglePause, onEdit, onRemove, onOpenFolder }: SourceCardProps) {
  const { t, fmt } = useI18n();
  const run = source.lastRun;
  const running = source.running || progress !== null;
  const titleId = `source-${source.id}-title`;

  return (
    <article aria-labelledby={titleId} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <header className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="flex min-w-0 items-center gap-2 text-base font-semibold text-slate-900">
            <span className="truncate font-mono" title={`${source.bucket}/${source.prefix}`}>
              {source.bucket}/{source.prefix}
            </span>
          </h2>
          <p className="mt-0.5 flex min-w-0 items-center gap-1.5 text-sm text-slate-700">
            <ArrowRight aria-hidden className="size-4 shrink-0" />
            <span className="truncate font-mono" title={source.localDir}>
              {source.localDir}
            </span>
          </p>
          <p className="mt-0.5 text-xs text-slate-600">{source.connectionName}</p>
        </div>
        {source.paused ? (
          <span className="shrink-0 rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">{t('sources.paused')}</span>
        ) : running ? (
          <span className="shrink-0 rounded-full bg-blue-100 px-2 py-0.5 text-xs font-medium text-blue-900">{t('sources.syncing')}</span>
        ) : null}
      </header>

      <dl className="grid grid-cols-3 gap-3 text-sm">
        <div className="min-w-0">
          <dt className="text-xs text-slate-600">{t('sources.schedule')}</dt>
          <dd className="text-slate-900">{scheduleLabel(t, fmt, source.intervalMinutes)}</dd>
        </div>
        <div className="min-w-0">
          <dt className="text-xs text-slate-600">{t('sources.lastRun')}</dt>
          <dd className="flex flex-wrap items-center gap-1.5 text-slate-900">
            {run ? (
              <>
                <span title={fmt.dateTime(run.startedMs)}>{fmt.relative(run.startedMs)}</span>
                <span className={`rounded px-1.5 text-xs font-medium ${statusTone[run.status] ?? statusTone.ok}`}>{t(`run.status.${run.status}`)}</span>
              </>
            ) : (
              t('sources.never')
            )}
          </dd>
          {run && <dd className="text-xs text-slate-600">{t('sources.lastRunResult', { count: run.downloaded, bytes: fmt.bytes(run.bytes) })}</dd>}
        </div>
        <div className="min-w-0">
          <dt className="text-xs text-slate-600">{t('sources.nextRun')}</dt>
          <dd className="text-slate-900" title={fmt.dateTime(source.nextRunMs)}>
            {source.paused ? t('sources.pausedShort') : source.nextRunMs > 0 ? fmt.relative(source.nextRunMs) : '—'}
          </dd>
        </div>
      </dl>

      {run?.errorSummary && !running && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">{run.errorSummary}</p>}

      {running && <SyncProgressView progress={progress} />}

      <footer className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
        {running ? (
          <Button size="sm" aria-describedby={titleId} onClick={onCancel} icon={<Square aria-hidden className="size-4" />}>
            {t('sources.cancelSync')}
          </Button>
        ) : (
          <Button size="sm" aria-describedby={titleId} variant="primary" onClick={onSyncNow} icon={<RefreshCw aria-hidden className="size-4" />}>
            {t('sources.syncNow')}
          </Button>
        )}
        <Button size="sm" aria-describedby={titleId} onClick={onTogglePause} icon={source.paused ? <Play aria-hidden className="size-4" /> : <Pause aria-hidden className="size-4" />}>
          {source.paused ? t('sources.resume') : t('sources.pause')}
        </Button>
        <Button size="sm" aria-describedby={titleId} onClick={onOpenFolder} icon={<FolderOpen aria-hidden className="size-4" />}>
          {t('sources.openFolder')}
        </Button>
        <Button size="sm" aria-describedby={titleId} onClick={onEdit} icon={<Pencil aria-hidden className="size-4" />}>
          {t('sources.edit')}
        </Button>
        <Button size="sm" aria-describedby={titleId} variant="ghost" onClick={onRemove} icon={<Trash2 aria-hidden className="size-4" />} className="ml-auto text-red-700 hover:bg-red-50">
          {t('sources.remove')}
        </Button>
      </footer>
    </article>
  );
}
