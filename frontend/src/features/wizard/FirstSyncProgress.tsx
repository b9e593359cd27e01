import { FolderOpen, LayoutDashboard } from 'lucide-react';
import { openFolder, useSyncProgress, type RunView, type SourceView } from '../../bridge';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { SyncProgressView } from '../../components/SyncProgressView';
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
      {!run && <SyncProgressView progress={progress} showKey />}
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
