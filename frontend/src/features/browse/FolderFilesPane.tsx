import { useState } from 'react';
import { Download, FolderOpen, FolderSearch } from 'lucide-react';
import { chooseFolder, toAppError, type AppError } from '../../bridge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { FileTable } from '../../components/FileTable';
import { Loading } from '../../components/Loading';
import type { TreeSelection } from '../../components/S3BucketTree';
import { useI18n } from '../../i18n';
import { isAbsolutePath } from '../wizard/draft';
import { useFolderFiles } from './useFolderFiles';

interface Props {
  connId: number;
  selection: TreeSelection | null;
  onDownload(bucket: string, keys: string[], destDir: string): void;
}

/** The files of the selected folder, with the destination and the Download button. */
export function FolderFilesPane({ connId, selection, onDownload }: Props) {
  const { t } = useI18n();
  const { state, reload, loadMore } = useFolderFiles(connId, selection?.bucket ?? '', selection?.prefix ?? '');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dest, setDest] = useState('');
  const [destError, setDestError] = useState<string | undefined>();
  const [dialogError, setDialogError] = useState<AppError | null>(null);

  if (!selection) return <EmptyState icon={<FolderSearch className="size-8" />} title={t('browse.pickFolder')} description={t('browse.pickFolderHint')} />;
  if (state.status === 'loading' || state.status === 'idle') return <Loading label={t('browse.loadingFiles')} />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;

  const pick = async () => {
    setDialogError(null);
    try {
      const dir = await chooseFolder(t('browse.chooseDest'));
      if (dir) {
        setDest(dir);
        setDestError(undefined);
      }
    } catch (e) {
      setDialogError(toAppError(e));
    }
  };

  const start = () => {
    const dir = dest.trim();
    if (!dir || !isAbsolutePath(dir)) {
      setDestError(t(dir ? 'wizard.validation.localDirAbsolute' : 'browse.destRequired'));
      return;
    }
    onDownload(selection.bucket, [...selected], dir);
    setSelected(new Set());
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <FileTable label={t('browse.filesLabel', { folder: `${selection.bucket}/${selection.prefix}` })} files={state.files} selected={selected} onSelectionChange={setSelected} className="min-h-48 flex-1" />
      {state.nextToken && (
        <div className="flex items-center gap-3">
          <Button size="sm" busy={state.loadingMore} onClick={loadMore}>
            {t('browse.moreFiles')}
          </Button>
          {state.moreError && <ErrorNotice compact error={state.moreError} onRetry={loadMore} className="flex-1" />}
        </div>
      )}
      <div className="flex items-end gap-2">
        <TextField
          label={t('browse.dest')}
          value={dest}
          onChange={(e) => setDest(e.target.value)}
          error={destError}
          placeholder={t('options.folder.placeholder')}
          className="font-mono"
          fieldClassName="flex-1"
          trailing={
            <Button onClick={() => void pick()} icon={<FolderOpen aria-hidden className="size-4" />}>
              {t('options.folder.browse')}
            </Button>
          }
        />
        <Button variant="primary" disabled={selected.size === 0} onClick={start} icon={<Download aria-hidden className="size-4" />}>
          {t('browse.downloadSelected', { count: selected.size })}
        </Button>
      </div>
      {dialogError && <ErrorNotice compact error={dialogError} />}
    </div>
  );
}
