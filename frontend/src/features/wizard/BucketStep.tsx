import { useCallback, useMemo } from 'react';
import { listBuckets } from '../../bridge';
import { S3BucketTree, type FolderPage, type TreeSelection } from '../../components/S3BucketTree';
import { useI18n } from '../../i18n';
import { cachedLevel, dropCachedLevels } from '../shared/levelCache';
import type { FieldErrors, WizardDraft } from './draft';
import { FolderPreview } from './FolderPreview';

interface Props {
  draft: WizardDraft;
  update(patch: Partial<WizardDraft>): void;
  errors: FieldErrors;
}

/** Step 4: the bucket and folder to sync, with a preview of what is in it. */
export function BucketStep({ draft, update, errors }: Props) {
  const { t } = useI18n();
  const connId = draft.connection?.id ?? 0;
  const loadBuckets = useCallback(async () => (await listBuckets(connId)).map((b) => ({ name: b.name })), [connId]);
  const loadFolders = useCallback(
    async (bucket: string, prefix: string, token: string): Promise<FolderPage> => {
      const level = await cachedLevel(connId, bucket, prefix, token);
      return { folders: level.folders ?? [], nextToken: level.nextToken };
    },
    [connId],
  );
  const extra = useMemo(
    () => [draft.connInput.bucket.trim(), draft.policyBucket.trim()].filter(Boolean),
    [draft.connInput.bucket, draft.policyBucket],
  );
  const selected: TreeSelection | null = draft.bucket ? { bucket: draft.bucket, prefix: draft.prefix } : null;

  return (
    <div className="grid min-h-0 grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-5">
      <div className="flex min-w-0 flex-col gap-2">
        <p className="text-sm text-slate-700">{t('wizard.bucket.intro')}</p>
        <S3BucketTree
          key={connId}
          label={t('wizard.bucket.treeLabel')}
          loadBuckets={loadBuckets}
          loadFolders={loadFolders}
          selected={selected}
          onSelect={(s) => update({ bucket: s.bucket, prefix: s.prefix })}
          onRefresh={() => dropCachedLevels(connId)}
          extraBuckets={extra}
          className="h-[28rem]"
        />
        {errors.bucket && !draft.bucket && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {t(errors.bucket)}
          </p>
        )}
      </div>
      <FolderPreview connId={connId} bucket={draft.bucket} prefix={draft.prefix} onPreview={(p) => update({ listRequestsPerSync: Math.max(p.estimatedListRequests, 1) })} />
    </div>
  );
}
