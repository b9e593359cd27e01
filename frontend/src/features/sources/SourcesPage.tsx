import { useState } from 'react';
import { Pause, Play, Plus, Video } from 'lucide-react';
import {
  cancelSync,
  listSources,
  openFolder,
  pauseAll,
  removeSource,
  setSourcePaused,
  syncNow,
  toAppError,
  useSyncEvents,
  useSyncProgress,
  type AppError,
  type SourceView,
} from '../../bridge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { SourceCard } from '../../components/SourceCard';
import { useI18n } from '../../i18n';
import { Modal } from '../shared/Modal';
import { PageHeader } from '../shell/PageHeader';
import { useAsync } from '../shared/useAsync';
import { useNow } from '../shared/useNow';
import { EditSourceDialog } from './EditSourceDialog';

/** The sources dashboard: one card per source, live while it syncs. */
export function SourcesPage({ onAddSource }: { onAddSource(): void }) {
  const { t } = useI18n();
  const { state, reload } = useAsync(listSources, []);
  const [actionError, setActionError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState<SourceView | null>(null);
  const [removing, setRemoving] = useState<SourceView | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const sources = state.data ?? [];
  // Re-render now and then so "in 5 min" and "2 h ago" stay true.
  useNow();

  useSyncEvents(
    sources.map((s) => s.id),
    () => reload(true),
  );

  const act = (fn: () => Promise<unknown>) => {
    setActionError(null);
    fn().then(
      () => reload(true),
      (e) => setActionError(toAppError(e)),
    );
  };

  const allPaused = sources.length > 0 && sources.every((s) => s.paused);

  const confirmRemove = async () => {
    if (!removing) return;
    setRemoveBusy(true);
    try {
      await removeSource(removing.id);
      setRemoving(null);
      reload(true);
    } catch (e) {
      setActionError(toAppError(e));
      setRemoving(null);
    } finally {
      setRemoveBusy(false);
    }
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader title={t('nav.sources')} description={t('sources.description')}>
        {sources.length > 0 && (
          <Button onClick={() => act(() => pauseAll(!allPaused))} icon={allPaused ? <Play aria-hidden className="size-4" /> : <Pause aria-hidden className="size-4" />}>
            {allPaused ? t('sources.resumeAll') : t('sources.pauseAll')}
          </Button>
        )}
        <Button variant="primary" onClick={onAddSource} icon={<Plus aria-hidden className="size-4" />}>
          {t('sources.add')}
        </Button>
      </PageHeader>
      <div className="min-h-0 flex-1 overflow-auto px-6 py-4">
        {actionError && <ErrorNotice error={actionError} className="mb-3" />}
        {state.status === 'loading' && !state.data && <Loading label={t('sources.loading')} />}
        {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => reload()} />}
        {state.status === 'ready' && sources.length === 0 && (
          <EmptyState
            icon={<Video className="size-8" />}
            title={t('sources.empty')}
            description={t('sources.emptyHint')}
            action={
              <Button variant="primary" onClick={onAddSource} icon={<Plus aria-hidden className="size-4" />}>
                {t('sources.add')}
              </Button>
            }
          />
        )}
        <div className="mx-auto flex max-w-5xl flex-col gap-4">
          {sources.map((s) => (
            <LiveSourceCard
              key={s.id}
              source={s}
              onSyncNow={() => act(() => syncNow(s.id))}
              onCancel={() => act(() => cancelSync(s.id))}
              onTogglePause={() => act(() => setSourcePaused(s.id, !s.paused))}
              onOpenFolder={() => act(() => openFolder(s.localDir))}
              onEdit={() => setEditing(s)}
              onRemove={() => setRemoving(s)}
            />
          ))}
        </div>
      </div>
      {editing && (
        <EditSourceDialog
          source={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload(true);
          }}
        />
      )}
      {removing && (
        <Modal
          title={t('sources.removeTitle')}
          onClose={() => setRemoving(null)}
          footer={
            <>
              <Button onClick={() => setRemoving(null)}>{t('common.cancel')}</Button>
              <Button variant="danger" busy={removeBusy} onClick={() => void confirmRemove()}>
                {t('sources.removeConfirm')}
              </Button>
            </>
          }
        >
          <p className="text-sm text-slate-800">{t('sources.removeBody', { source: `${removing.bucket}/${removing.prefix}`, dir: removing.localDir })}</p>
        </Modal>
      )}
    </div>
  );
}

type LiveProps = Omit<Parameters<typeof SourceCard>[0], 'progress'>;

function LiveSourceCard(props: LiveProps) {
  const progress = useSyncProgress(props.source.id);
  return <SourceCard {...props} progress={progress} />;
}
