import { FolderOpen, LayoutDashboard } from 'lucide-react';
import { openFolder, useSyncProgress, type RunView, type SourceView } from '../../bridge';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n';

/** The first sync as it runs, then its result and where to go next. */
export function FirstSyncProgress({ source, run, onFinish }: { source: SourceView; run: RunView | null; onFinish(): void }) {
  const { t, fmt } = useI18n();
  const progress = useSyncProgress(run ? null : source.id);

  return (
    <section aria-labelledby="first-sync" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="first-sync" className="text-sm font-semibold text-slate-900">
        {run ? t('wizard.first.finishedTitle') : t('wizard.first.runningTitle')}
      </h2>
      {!run && (
        <div className="flex flex-col gap-2">
          <ProgressBar
            label={t('progress.files')}
            indeterminate={!progress}
            value={progress?.filesDone ?? 0}
            max={progress?.filesTotal ?? 0}
            valueText={progress ? t('progress.filesOf', { done: progress.filesDone, total: progress.filesTotal }) : t('progress.listing')}
          />
          {progress && (
            <ProgressBar
              label={t('progress.bytes')}
              value={progress.bytesDone}
              max={progress.bytesTotal}
              tone="green"
              size="sm"
              valueText={t('progress.bytesLine', { done: fmt.bytes(progress.bytesDone), total: fmt.bytes(progress.bytesTotal), rate: fmt.rate(progress.rate), eta: fmt.duration(progress.etaMs) })}
            />
          )}
          {progress?.currentKey && <p className="truncate font-mono text-xs text-slate-600">{progress.currentKey}</p>}
        </div>
      )}
      {run && (
        <Notice tone={run.status === 'ok' ? 'success' : 'warning'} title={t(`run.status.${run.status}`)}>
          <p>{t('wizard.first.result', { count: run.downloaded, bytes: fmt.bytes(run.bytes), skipped: run.skipped, failed: run.failed })}</p>
          {run.errorSummary && <p className="mt-1">{run.errorSummary}</p>}
        </Notice>
      )}
      <div className="flex gap-2">
        <Button onClick={() => void openFolder(source.localDir).catch(() => undefined)} icon={<FolderOpen aria-hidden className="size-4" />}>
          {t('sources.openFolder')}
        </Button>
        <Button variant={run ? 'primary' : 'secondary'} onClick={onFinish} icon={<LayoutDashboard aria-hidden className="size-4" />}>
          {t('wizard.first.toSources')}
        </Button>
      </div>
    </section>
  );
}
