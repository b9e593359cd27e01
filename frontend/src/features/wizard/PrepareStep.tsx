import { useEffect, useState } from 'react';
import { generatePolicy, toAppError, type AppError } from '../../bridge';
import { Checkbox, TextField } from '../../components/Field';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n';
import { validateBucketName, type FieldErrors, type WizardDraft } from './draft';

export const IAM_CONSOLE_URL = 'https://console.aws.amazon.com/iam/home#/users';

interface Props {
  draft: WizardDraft;
  update(patch: Partial<WizardDraft>): void;
  errors: FieldErrors;
}

type PolicyState = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: AppError } | { status: 'ready'; text: string };

/** Step 2: how to make a read-only IAM user, with the least-privilege policy for the bucket. */
export function PrepareStep({ draft, update, errors }: Props) {
  const { t } = useI18n();
  const bucket = draft.policyBucket.trim();
  const [policy, setPolicy] = useState<PolicyState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!bucket || validateBucketName(bucket)) {
      setPolicy({ status: 'idle' });
      return undefined;
    }
    let live = true;
    setPolicy({ status: 'loading' });
    const timer = setTimeout(() => {
      generatePolicy(bucket, draft.includeListAll).then(
        (text) => live && setPolicy({ status: 'ready', text }),
        (e) => live && setPolicy({ status: 'error', error: toAppError(e) }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [bucket, draft.includeListAll, attempt]);

  return (
    <div className="grid grid-cols-[minmax(0,5fr)_minmax(0,6fr)] gap-6">
      <div className="flex flex-col gap-3">
        <p className="text-sm text-slate-700">{t('wizard.prepare.intro')}</p>
        <ol className="flex list-decimal flex-col gap-2 pl-5 text-sm text-slate-800">
          <li>
            {t('wizard.prepare.step1')}
            <span className="mt-1 flex items-center gap-2">
              <code className="min-w-0 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all">{IAM_CONSOLE_URL}</code>
              <CopyButton text={IAM_CONSOLE_URL} label={t('wizard.prepare.copyLink')} />
            </span>
          </li>
          <li>{t('wizard.prepare.step2')}</li>
          <li>{t('wizard.prepare.step3')}</li>
          <li>{t('wizard.prepare.step4')}</li>
          <li>{t('wizard.prepare.step5')}</li>
        </ol>
        <div className="rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-700">
          <p className="font-semibold text-slate-900">{t('wizard.prepare.broadTitle')}</p>
          <p className="mt-1">{t('wizard.prepare.broadBody')}</p>
        </div>
        <p className="text-sm text-slate-700">{t('wizard.prepare.publicAccess')}</p>
      </div>

      <div className="flex min-w-0 flex-col gap-3">
        <TextField
          label={t('wizard.prepare.bucketLabel')}
          help={t('wizard.prepare.bucketHelp')}
          value={draft.policyBucket}
          onChange={(e) => update({ policyBucket: e.target.value })}
          error={errors.policyBucket ? t(errors.policyBucket) : undefined}
          placeholder="my-camera-videos"
          className="font-mono"
          spellCheck={false}
          autoCapitalize="off"
        />
        <Checkbox label={t('wizard.prepare.listAll')} help={t('wizard.prepare.listAllHelp')} checked={draft.includeListAll} onChange={(e) => update({ includeListAll: e.target.checked })} />
        <section aria-labelledby="policy-title" className="flex min-h-0 flex-col gap-2">
          <div className="flex items-center justify-between gap-2">
            <h2 id="policy-title" className="text-sm font-semibold text-slate-900">
              {t('wizard.prepare.policyTitle')}
            </h2>
            {policy.status === 'ready' && <CopyButton text={policy.text} label={t('wizard.prepare.copyPolicy')} />}
          </div>
          {policy.status === 'idle' && <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">{t('wizard.prepare.policyEmpty')}</p>}
          {policy.status === 'loading' && <Loading label={t('wizard.prepare.policyLoading')} />}
          {policy.status === 'error' && <ErrorNotice compact error={policy.error} onRetry={() => setAttempt((a) => a + 1)} />}
          {policy.status === 'ready' && (
            <pre aria-label={t('wizard.prepare.policyTitle')} tabIndex={0} className="max-h-[25rem] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
              {policy.text}
            </pre>
          )}
        </section>
      </div>
    </div>
  );
}
