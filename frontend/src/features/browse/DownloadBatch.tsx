import { CheckCircle2, RotateCw, Square, XCircle } from 'lucide-react';
import { AppError, useDownloadProgress } from '../../bridge';
import { describeError } from '../../components/ErrorNotice';
import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n';

export interface Batch {
  id: string;
  connectionId: number;
  bucket: string;
  keys: string[];
  destDir: string;
}

interface Props {
  batch: Batch;
  onCancel(): void;
  onRetryFailed(keys: string[]): void;
  onDismiss(): void;
}

const baseName = (key: string) => key.slice(key.lastIndexOf('/') + 1) || key;

/** One "Download selected" batch: total progress, each file's progress, cancel, retry failed. */
export function DownloadBatch({ batch, onCancel, onRetryFailed, onDismiss }: Props) {
  const { t, fmt } = useI18n();
  const { batch: p, files } = useDownloadProgress(batch.id);
  const failed = p?.failed ?? [];
  const failedKeys = new Set(failed.map((f) => f.key));
  const finished = p?.finished ?? false;
  const titleId = `batch-${batch.id}`;

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex items-center gap-3">
        <h2 id={titleId} className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-900">
          {t('downloads.batchTitle', { count: batch.keys.length, dir: batch.destDir })}
        </h2>
        {!finished && (
          <Button size="sm" onClick={onCancel} icon={<Square aria-hidden className="size-4" />}>
            {t('common.cancel')}
          </Button>
        )}
        {finished && failed.length > 0 && (
          <Button size="sm" onClick={() => onRetryFailed(failed.map((f) => f.key))} icon={<RotateCw aria-hidden className="size-4" />}>
            {t('downloads.retryFailed', { count: failed.length })}
          </Button>
        )}
        {finished && (
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            {t('common.dismiss')}
          </Button>
        )}
      </div>
      <ProgressBar
        label={t('downloads.total')}
        indeterminate={!finished}
        value={p?.bytesDone ?? 0}
        max={p?.bytesTotal ?? 0}
        tone={finished ? (failed.length ? 'red' : 'green') : 'blue'}
        valueText={
          p
            ? t('downloads.totalLine', { done: p.filesDone, total: p.filesTotal, bytes: fmt.bytes(p.bytesDone), totalBytes: fmt.bytes(p.bytesTotal), rate: fmt.rate(p.rate) })
            : t('downloads.starting')
        }
      />
      <ul aria-label={t('downloads.files')} tabIndex={0} className="flex max-h-40 flex-col gap-1 overflow-auto">
        {batch.keys.map((key) => {
          const f = files[key];
          const bad = failed.find((x) => x.key === key);
          const done = f && f.total > 0 && f.done >= f.total && !failedKeys.has(key);
          return (
            <li key={key} className="grid grid-cols-[minmax(0,1fr)_10rem] items-center gap-3 text-xs">
              <span className="flex min-w-0 items-center gap-1.5" title={key}>
                {bad ? <XCircle aria-hidden className="size-3.5 shrink-0 text-red-700" /> : done ? <CheckCircle2 aria-hidden className="size-3.5 shrink-0 text-emerald-700" /> : null}
                <span className="truncate">{baseName(key)}</span>
              </span>
              {bad ? (
                <span className="truncate text-red-800" title={bad.message}>
                  {describeError(t, new AppError(bad.code, `error.${bad.code}`)).message}
                </span>
              ) : (
                <ProgressBar size="sm" label={t('downloads.fileProgress', { name: baseName(key) })} value={f?.done ?? 0} max={f?.total ?? 0} tone={done ? 'green' : 'blue'} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
