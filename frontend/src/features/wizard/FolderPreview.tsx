import { useEffect, useRef } from 'react';
import { Film } from 'lucide-react';
import { previewFolder, type PreviewView } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n';
import { useAsync } from '../shared/useAsync';
import { LIST_PRICE_USD } from './draft';

/** What the chosen folder holds: video count and size of the first pages, newest videos, cost. */
export function FolderPreview({ connId, bucket, prefix, onPreview }: { connId: number; bucket: string; prefix: string; onPreview?(p: PreviewView): void }) {
  const { t } = useI18n();
  const { state, reload } = useAsync<PreviewView | null>(
    () => (bucket ? previewFolder(connId, bucket, prefix) : Promise.resolve(null)),
    [connId, bucket, prefix],
  );
  const loaded = state.status === 'ready' ? state.data : null;
  const report = useRef(onPreview);
  report.current = onPreview;
  useEffect(() => {
    if (loaded) report.current?.(loaded);
  }, [loaded]);
  const where = bucket ? `${bucket}/${prefix}` : '';

  return (
    <section aria-labelledby="preview-title" className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="preview-title" className="text-sm font-semibold text-slate-900">
        {t('wizard.preview.title')}
      </h2>
      {!bucket && <p className="text-sm text-slate-600">{t('wizard.preview.pick')}</p>}
      {bucket && (
        <p className="truncate font-mono text-sm text-slate-800" title={where}>
          {where}
        </p>
      )}
      {bucket && state.status === 'loading' && <Loading label={t('wizard.preview.loading')} />}
      {bucket && state.status === 'error' && <ErrorNotice compact error={state.error} onRetry={() => reload()} />}
      {state.status === 'ready' && state.data && <PreviewBody preview={state.data} prefix={prefix} />}
    </section>
  );
}

function PreviewBody({ preview, prefix }: { preview: PreviewView; prefix: string }) {
  const { t, fmt } = useI18n();
  const newest = preview.newest ?? [];
  return (
    <>
      <dl className="grid grid-cols-2 gap-3">
        <div className="rounded-md bg-slate-50 p-3">
          <dt className="text-xs text-slate-600">{t('wizard.preview.videos')}</dt>
          <dd className="text-xl font-semibold text-slate-900">{fmt.number(preview.videoCount)}{preview.truncated ? '+' : ''}</dd>
        </div>
        <div className="rounded-md bg-slate-50 p-3">
          <dt className="text-xs text-slate-600">{t('wizard.preview.size')}</dt>
          <dd className="text-xl font-semibold text-slate-900">{fmt.bytes(preview.totalBytes)}{preview.truncated ? '+' : ''}</dd>
        </div>
      </dl>
      {preview.truncated && <p className="text-xs text-slate-600">{t('wizard.preview.truncated', { count: preview.pagesRead })}</p>}
      <p className="text-xs text-slate-700">
        {t('wizard.preview.cost', { count: preview.estimatedListRequests, cost: fmt.usd(Math.max(preview.estimatedListRequests, 1) * LIST_PRICE_USD) })}
      </p>
      {newest.length === 0 ? (
        <EmptyState icon={<Film className="size-7" />} title={t('wizard.preview.noVideos')} description={t('wizard.preview.noVideosHint')} className="p-4" />
      ) : (
        <div className="min-h-0">
          <h3 className="mb-1 text-xs font-semibold text-slate-700 uppercase">{t('wizard.preview.newest')}</h3>
          <ul tabIndex={0} aria-label={t('wizard.preview.newest')} className="flex max-h-44 flex-col divide-y divide-slate-100 overflow-auto">
            {newest.slice(0, 8).map((f) => (
              <li key={f.key} className="flex items-center gap-2 py-1 text-sm">
                <Film aria-hidden className="size-4 shrink-0 text-slate-600" />
                <span className="min-w-0 flex-1 truncate" title={f.key}>
                  {f.key.startsWith(prefix) ? f.key.slice(prefix.length) : f.key}
                </span>
                <span className="shrink-0 text-xs text-slate-600">{fmt.bytes(f.size)}</span>
                <span className="shrink-0 text-xs text-slate-600">{fmt.dateTime(f.modifiedMs)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
