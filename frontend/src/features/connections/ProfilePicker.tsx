import { useState } from 'react';
import { FileKey2 } from 'lucide-react';
import { importProfile, listProfiles, toAppError, type AppError, type ConnectionView } from '../../bridge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n';
import { useAsync } from '../shared/useAsync';

/** The AWS CLI profiles found on this computer; importing one saves it as a connection. */
export function ProfilePicker({ chosen, onImported }: { chosen: ConnectionView | null; onImported(c: ConnectionView): void }) {
  const { t } = useI18n();
  const { state, reload } = useAsync(listProfiles, []);
  const [selected, setSelected] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const doImport = async () => {
    setBusy(true);
    setError(null);
    try {
      onImported(await importProfile(selected));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  if (state.status === 'loading') return <Loading label={t('conn.profiles.loading')} />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={() => reload()} />;
  if (state.data.length === 0) return <EmptyState icon={<FileKey2 className="size-8" />} title={t('conn.profiles.none')} description={t('conn.profiles.noneHint')} />;

  return (
    <div className="flex flex-col gap-3">
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t('conn.profiles.title')}</legend>
        <div className="flex flex-col gap-1.5">
          {state.data.map((p) => (
            <label key={p.name} className={`flex items-center gap-3 rounded-md border px-3 py-2 text-sm ${p.hasKeys ? 'cursor-pointer' : 'opacity-70'} ${selected === p.name ? 'border-blue-600 bg-blue-50' : 'border-slate-300 bg-white'}`}>
              <input type="radio" name="profile" className="accent-blue-600" disabled={!p.hasKeys} checked={selected === p.name} onChange={() => setSelected(p.name)} />
              <span className="font-medium text-slate-900">{p.name}</span>
              <span className="font-mono text-xs text-slate-600">{p.accessKeyId || '—'}</span>
              <span className="text-xs text-slate-600">{p.region || p.endpoint}</span>
              {!p.hasKeys && <span className="ml-auto text-xs text-slate-700">{t('conn.profiles.noKeys')}</span>}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <Button variant="primary" disabled={!selected} busy={busy} onClick={() => void doImport()}>
          {t('conn.profiles.import')}
        </Button>
      </div>
      {error && <ErrorNotice error={error} />}
      {chosen && (
        <Notice tone="success" title={t('conn.profiles.imported', { name: chosen.name })}>
          {chosen.arn && <span className="font-mono break-all">{chosen.arn}</span>}
        </Notice>
      )}
      {chosen?.isRoot && <Notice tone="warning" title={t('conn.root.title')}>{t('conn.root.body')}</Notice>}
    </div>
  );
}
