import type { TestResult } from '../../bridge';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n';

/** What a connection test found: who the key is, what it can see, and what to watch out for. */
export function TestResultView({ result, bucket }: { result: TestResult; bucket?: string }) {
  const { t } = useI18n();
  return (
    <div className="flex flex-col gap-2">
      <Notice tone="success" title={t('conn.test.ok')}>
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5">
          {result.account && (
            <>
              <dt className="font-medium">{t('conn.test.account')}</dt>
              <dd className="font-mono break-all">{result.account}</dd>
            </>
          )}
          {result.arn && (
            <>
              <dt className="font-medium">{t('conn.test.arn')}</dt>
              <dd className="font-mono break-all">{result.arn}</dd>
            </>
          )}
          <dt className="font-medium">{t('conn.test.buckets')}</dt>
          <dd>{result.canListBuckets ? t('conn.test.bucketCount', { count: result.bucketCount }) : t('conn.test.cannotList')}</dd>
          {bucket && (
            <>
              <dt className="font-medium">{t('conn.test.bucket', { bucket })}</dt>
              <dd>{result.bucketOk ? t('conn.test.bucketOk') : t('conn.test.bucketNotOk')}</dd>
            </>
          )}
        </dl>
      </Notice>
      {result.isRoot && (
        <Notice tone="warning" title={t('conn.root.title')}>
          {t('conn.root.body')}
        </Notice>
      )}
      {!result.canListBuckets && <Notice tone="info">{t('conn.test.typeBucketHint')}</Notice>}
      {result.missingPermission && (
        <Notice tone="warning">{t('conn.test.missingPermission', { permission: result.missingPermission })}</Notice>
      )}
    </div>
  );
}
