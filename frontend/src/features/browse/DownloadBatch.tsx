import { CheckCircle2, Loader2, RotateCw, Square, XCircle } from 'lucide-react';
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
  const finished = p?.finished ?? false;
  const titleId = `batch-${batch.id}`;

  const fileState = (key: string): State => {
    const bad = failed.find((x) => x.key === key);
    if (bad) return { kind: 'failed', message: bad.message || describeError(t, new AppError(bad.code, `error.${bad.code}`)).message };
    if (finished) return { kind: p?.cancelled ? 'cancelled' : 'done' };
    const f = files[key];
    if (f?.total) return { kind: 'bytes', done: f.done ?? 0, total: f.total };
    if (key === p?.key) return { kind: 'active' };
    return { kind: f ? 'started' : 'waiting' };
  };

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
        value={finished ? (p?.bytesTotal ?? 0) : (p?.bytesDone ?? 0)}
        max={p?.bytesTotal ?? 0}
        tone={finished ? (failed.length ? 'red' : 'green') : 'blue'}
        valueText={
          p
            ? t('downloads.totalLine', { done: p.filesDone, total: p.filesTotal, bytes: fmt.bytes(p.bytesDone), totalBytes: fmt.bytes(p.bytesTotal), rate: fmt.rate(p.rate) })
            : t('downloads.starting')
        }
      />
      <ul aria-label={t('downloads.files')} tabIndex={0} className="flex max-h-40 flex-col gap-1 overflow-auto">
        {batch.keys.map((key) => (
          <li key={key} className="grid grid-cols-[minmax(0,1fr)_12rem] items-center gap-3 text-xs">
            <span className="truncate" title={key}>
              {baseName(key)}
            </span>
            <FileState name={baseName(key)} state={fileState(key)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

type State =
  | { kind: 'failed'; message: string }
  | { kind: 'done' | 'cancelled' | 'active' | 'started' | 'waiting' }
  | { kind: 'bytes'; done: number; total: number };

/** One file's state in a batch: a bar when its bytes are known, else what is known of it. */
function FileState({ name, state }: { name: string; state: State }) {
  const { t } = useI18n();
  switch (state.kind) {
    case 'failed':
      return (
        <span className="flex min-w-0 items-center gap-1 text-red-800" title={state.message}>
          <XCircle aria-hidden className="size-3.5 shrink-0" />
          <span className="truncate">{state.message}</span>
        </span>
      );
    case 'done':
      return (
        <span className="flex items-center gap-1 text-emerald-800">
          <CheckCircle2 aria-hidden className="size-3.5 shrink-0" />
          {t('downloads.done')}
        </span>
      );
    case 'bytes':
      return <ProgressBar size="sm" label={t('downloads.fileProgress', { name })} value={state.done} max={state.total} />;
    case 'active':
      return (
        <span className="flex items-center gap-1 text-blue-800">
          <Loader2 aria-hidden className="size-3.5 shrink-0 animate-spin" />
          {t('downloads.active')}
        </span>
      );
    default:
      return <span className="text-slate-600">{t(`downloads.${state.kind}`)}</span>;
  }
}
