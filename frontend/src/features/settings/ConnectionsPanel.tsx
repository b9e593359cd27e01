import { useState } from 'react';
import { KeyRound, Plus } from 'lucide-react';
import { listConnections, removeConnection, toAppError, type AppError, type ConnectionView } from '../../bridge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n';
import { Modal } from '../shared/Modal';
import { useAsync } from '../shared/useAsync';
import { dropCachedLevels } from '../shared/levelCache';
import { AddConnectionDialog } from './AddConnectionDialog';
import { ConnectionRow } from './ConnectionRow';
import { RotateKeyDialog } from './RotateKeyDialog';

/** The saved connections: add, test, rotate the key, remove. */
export function ConnectionsPanel() {
  const { t } = useI18n();
  const { state, reload } = useAsync(listConnections, []);
  const [adding, setAdding] = useState(false);
  const [rotating, setRotating] = useState<ConnectionView | null>(null);
  const [removing, setRemoving] = useState<ConnectionView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const list = state.data ?? [];

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    setError(null);
    try {
      await removeConnection(removing.id);
      dropCachedLevels(removing.id);
      reload(true);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };

  return (
    <section aria-labelledby="connections-title" className="flex flex-col gap-3 self-start rounded-xl border border-slate-200 bg-white p-5">
      <div className="flex items-center justify-between gap-3">
        <h2 id="connections-title" className="text-base font-semibold text-slate-900">
          {t('settings.connections')}
        </h2>
        <Button size="sm" onClick={() => setAdding(true)} icon={<Plus aria-hidden className="size-4" />}>
          {t('settings.addConnection')}
        </Button>
      </div>
      {error && <ErrorNotice error={error} />}
      {state.status === 'loading' && !state.data && <Loading label={t('common.loading')} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => reload()} />}
      {state.status === 'ready' && list.length === 0 && <EmptyState icon={<KeyRound className="size-8" />} title={t('settings.noConnections')} />}
      <ul className="flex flex-col gap-3">
        {list.map((c) => (
          <ConnectionRow key={c.id} connection={c} onRotate={() => setRotating(c)} onRemove={() => setRemoving(c)} />
        ))}
      </ul>
      {adding && (
        <AddConnectionDialog
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            reload(true);
          }}
        />
      )}
      {rotating && (
        <RotateKeyDialog
          connection={rotating}
          onClose={() => setRotating(null)}
          onRotated={() => {
            dropCachedLevels(rotating.id);
            setRotating(null);
            reload(true);
          }}
        />
      )}
      {removing && (
        <Modal
          title={t('settings.removeTitle', { name: removing.name })}
          onClose={() => setRemoving(null)}
          footer={
            <>
              <Button onClick={() => setRemoving(null)}>{t('common.cancel')}</Button>
              <Button variant="danger" busy={busy} onClick={() => void remove()}>
                {t('settings.removeConfirm')}
              </Button>
            </>
          }
        >
          <p className="text-sm text-slate-800">{t('settings.removeBody')}</p>
        </Modal>
      )}
    </section>
  );
}
