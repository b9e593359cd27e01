import { listConnections, type ConnectionView } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n';
import { useAsync } from '../shared/useAsync';

/** The connections saved before, to reuse for a new source. */
export function SavedConnectionPicker({ chosen, onChoose }: { chosen: ConnectionView | null; onChoose(c: ConnectionView): void }) {
  const { t } = useI18n();
  const { state, reload } = useAsync(listConnections, []);
  if (state.status === 'loading') return <Loading label={t('common.loading')} />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={() => reload()} />;
  if (state.data.length === 0) return <EmptyState title={t('conn.saved.none')} />;
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold text-slate-900">{t('conn.saved.title')}</legend>
      <div className="flex flex-col gap-1.5">
        {state.data.map((c) => (
          <label key={c.id} className={`flex cursor-pointer items-center gap-3 rounded-md border px-3 py-2 text-sm ${chosen?.id === c.id ? 'border-blue-600 bg-blue-50' : 'border-slate-300 bg-white'}`}>
            <input type="radio" name="saved-connection" className="accent-blue-600" checked={chosen?.id === c.id} onChange={() => onChoose(c)} />
            <span className="font-medium text-slate-900">{c.name}</span>
            <span className="font-mono text-xs text-slate-600">{c.accessKeyId}</span>
            <span className="truncate text-xs text-slate-600">{c.endpoint || c.region}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
