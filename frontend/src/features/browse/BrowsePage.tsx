import { useCallback, useEffect, useState } from 'react';
import { Cloud } from 'lucide-react';
import { cancelDownload, listBuckets, listConnections, startDownload, toAppError, type AppError } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SelectField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { S3BucketTree, type FolderPage, type TreeSelection } from '../../components/S3BucketTree';
import { useI18n } from '../../i18n';
import { cachedLevel, dropCachedLevels } from '../shared/levelCache';
import { useAsync } from '../shared/useAsync';
import { PageHeader } from '../shell/PageHeader';
import { DownloadBatch, type Batch } from './DownloadBatch';
import { FolderFilesPane } from './FolderFilesPane';

/** Browse a bucket's folders and files and download chosen files to a folder. */
export function BrowsePage() {
  const { t } = useI18n();
  const connections = useAsync(listConnections, []);
  const [connId, setConnId] = useState(0);
  const [selection, setSelection] = useState<TreeSelection | null>(null);
  const [batches, setBatches] = useState<Batch[]>([]);
  const [startError, setStartError] = useState<AppError | null>(null);

  const list = connections.state.status === 'ready' ? connections.state.data : [];
  useEffect(() => {
    if (list.length > 0 && !list.some((c) => c.id === connId)) setConnId(list[0].id);
  }, [list, connId]);

  const loadBuckets = useCallback(async () => (await listBuckets(connId)).map((b) => ({ name: b.name })), [connId]);
  const loadFolders = useCallback(
    async (bucket: string, prefix: string, token: string): Promise<FolderPage> => {
      const level = await cachedLevel(connId, bucket, prefix, token);
      return { folders: level.folders ?? [], nextToken: level.nextToken };
    },
    [connId],
  );

  const download = async (bucket: string, keys: string[], destDir: string) => {
    setStartError(null);
    try {
      const id = await startDownload({ connectionId: connId, bucket, keys, destDir });
      setBatches((prev) => [{ id, connectionId: connId, bucket, keys, destDir }, ...prev]);
    } catch (e) {
      setStartError(toAppError(e));
    }
  };

  const body = () => {
    if (connections.state.status === 'loading') return <Loading label={t('common.loading')} className="p-6" />;
    if (connections.state.status === 'error') return <ErrorNotice error={connections.state.error} onRetry={() => connections.reload()} className="m-6" />;
    if (list.length === 0) return <EmptyState icon={<Cloud className="size-8" />} title={t('browse.noConnections')} description={t('browse.noConnectionsHint')} className="m-6" />;
    return (
      <div className="grid min-h-0 flex-1 grid-cols-[20rem_minmax(0,1fr)] gap-4 px-6 py-4">
        <div className="flex min-h-0 flex-col gap-2">
          {list.length > 1 && (
            <SelectField label={t('browse.connection')} value={connId} onChange={(e) => { setConnId(Number(e.target.value)); setSelection(null); }}>
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          )}
          {connId > 0 && (
            <S3BucketTree
              key={connId}
              label={t('browse.treeLabel')}
              loadBuckets={loadBuckets}
              loadFolders={loadFolders}
              selected={selection}
              onSelect={setSelection}
              onRefresh={() => dropCachedLevels(connId)}
              className="min-h-64 flex-1"
            />
          )}
        </div>
        <div className="flex min-h-0 min-w-0 flex-col gap-3">
          {startError && <ErrorNotice compact error={startError} />}
          <FolderFilesPane key={`${connId}/${selection?.bucket}/${selection?.prefix}`} connId={connId} selection={selection} onDownload={(bucket, keys, dir) => void download(bucket, keys, dir)} />
          {batches.length > 0 && (
            <section aria-label={t('downloads.title')} className="flex max-h-64 flex-col gap-2 overflow-auto">
              {batches.map((b) => (
                <DownloadBatch
                  key={b.id}
                  batch={b}
                  onCancel={() => void cancelDownload(b.id).catch((e) => setStartError(toAppError(e)))}
                  onRetryFailed={(keys) => void download(b.bucket, keys, b.destDir)}
                  onDismiss={() => setBatches((prev) => prev.filter((x) => x.id !== b.id))}
                />
              ))}
            </section>
          )}
        </div>
      </div>
    );
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader title={t('nav.browse')} description={t('browse.description')} />
      {body()}
    </div>
  );
}
