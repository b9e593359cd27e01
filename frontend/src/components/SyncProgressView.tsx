import type { SyncProgress } from '../bridge';
import { useI18n } from '../i18n';
import { ProgressBar } from './ProgressBar';

/** A running sync: while listing, how many objects were seen; then files, bytes, rate and ETA. */
export function SyncProgressView({ progress, showKey }: { progress: SyncProgress | null; showKey?: boolean }) {
  const { t, fmt } = useI18n();
  const listing = !progress || progress.phase === 'listing';
  return (
    <div className="flex flex-col gap-1.5">
      <ProgressBar
        label={t('progress.files')}
        indeterminate={listing}
        value={listing ? 0 : progress.filesDone}
        max={listing ? 0 : progress.filesTotal}
        valueText={
          !progress
            ? t('progress.listing')
            : listing
              ? t('progress.listingCount', { count: progress.listed })
              : t('progress.filesOf', { done: progress.filesDone, total: progress.filesTotal })
        }
      />
      {progress && !listing && progress.bytesTotal > 0 && (
        <p className="text-xs text-slate-700">
          {t('progress.bytesLine', { done: fmt.bytes(progress.bytesDone), total: fmt.bytes(progress.bytesTotal), rate: fmt.rate(progress.rate), eta: fmt.duration(progress.etaMs) })}
        </p>
      )}
      {showKey && progress?.currentKey && <p className="truncate font-mono text-xs text-slate-600">{progress.currentKey}</p>}
    </div>
  );
}
