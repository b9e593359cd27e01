import { useState } from 'react';
import { ArrowLeft, ArrowRight, X } from 'lucide-react';
import { addConnection, removeConnection, setLanguage, toAppError, type AppError } from '../../bridge';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { StepIndicator } from '../../components/StepIndicator';
import { useI18n } from '../../i18n';
import { BucketStep } from './BucketStep';
import { CredentialsStep } from './CredentialsStep';
import { cleanConnectionInput, initialDraft, inputFingerprint, STEP_COUNT, validateStep, type FieldErrors, type WizardDraft } from './draft';
import { LocalStep } from './LocalStep';
import { PrepareStep } from './PrepareStep';
import { SummaryStep } from './SummaryStep';
import { WelcomeStep } from './WelcomeStep';

const STEP_KEYS = ['welcome', 'prepare', 'credentials', 'bucket', 'local', 'summary'] as const;

export interface SetupWizardProps {
  /** True when connections exist already (the "Add source" case): offers reusing one. */
  hasSavedConnections: boolean;
  onFinish(): void;
  /** Absent on first launch: there is nothing to go back to. */
  onCancel?(): void;
}

/** From "I have an AWS account" to "videos are arriving", in six steps. */
export function SetupWizard({ hasSavedConnections, onFinish, onCancel }: SetupWizardProps) {
  const { t, lang } = useI18n();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<WizardDraft>(() => ({ ...initialDraft(), mode: hasSavedConnections ? 'saved' : 'keys' }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  const update = (patch: Partial<WizardDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const titles = STEP_KEYS.map((k) => t(`wizard.step.${k}`));

  const next = async () => {
    const found = validateStep(step, draft);
    setErrors(found);
    setSaveError(null);
    if (Object.keys(found).length > 0) return;
    // Keep the language shown on the welcome step, even when the user did not change it.
    if (step === 0) setLanguage(lang).catch(() => undefined);
    if (step === 1 && draft.policyBucket.trim() && !draft.connInput.bucket) {
      update({ connInput: { ...draft.connInput, bucket: draft.policyBucket.trim() } });
    }
    if (step === 2 && draft.mode === 'keys') {
      const fingerprint = inputFingerprint(draft.connInput);
      const reuse = draft.addedConnection && draft.addedFor === fingerprint;
      if (reuse) update({ connection: draft.addedConnection });
      else {
        setBusy(true);
        try {
          const input = cleanConnectionInput(draft.connInput);
          const connection = await addConnection({ ...input, name: input.name || t('conn.defaultName') });
          if (draft.addedConnection) await removeConnection(draft.addedConnection.id).catch(() => undefined);
          update({ connection, addedConnection: connection, addedFor: fingerprint });
        } catch (e) {
          setSaveError(toAppError(e));
          return;
        } finally {
          setBusy(false);
        }
      }
    }
    setStep((s) => Math.min(s + 1, STEP_COUNT - 1));
  };

  const back = () => {
    setErrors({});
    setSaveError(null);
    setStep((s) => Math.max(s - 1, 0));
  };

  return (
    <div className="flex h-full min-h-0">
      <aside className="flex w-64 shrink-0 flex-col gap-6 border-r border-slate-200 bg-white p-5">
        <div>
          <p className="text-lg font-bold text-slate-900">{t('app.name')}</p>
          <p className="text-sm text-slate-600">{t('wizard.subtitle')}</p>
        </div>
        <StepIndicator steps={titles} current={step} label={t('wizard.stepsLabel')} />
      </aside>
      <main className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-start justify-between gap-4 border-b border-slate-200 bg-white px-8 py-4">
          <div className="min-w-0">
            <p className="text-xs font-medium text-slate-600">{t('wizard.stepOf', { step: step + 1, total: STEP_COUNT })}</p>
            <h1 className="text-xl font-semibold text-slate-900">{t(`wizard.${STEP_KEYS[step]}.title`)}</h1>
          </div>
          {onCancel && !saved && (
            <Button variant="ghost" onClick={onCancel} icon={<X aria-hidden className="size-4" />}>
              {t('common.cancel')}
            </Button>
          )}
        </header>
        <div className="min-h-0 flex-1 overflow-auto px-8 py-5">
          {step === 0 && <WelcomeStep />}
          {step === 1 && <PrepareStep draft={draft} update={update} errors={errors} />}
          {step === 2 && <CredentialsStep draft={draft} update={update} errors={errors} hasSavedConnections={hasSavedConnections} />}
          {step === 3 && <BucketStep draft={draft} update={update} errors={errors} />}
          {step === 4 && <LocalStep draft={draft} update={update} errors={errors} />}
          {step === 5 && <SummaryStep draft={draft} onFinish={onFinish} onSaved={() => setSaved(true)} />}
          {saveError && <ErrorNotice error={saveError} className="mt-4" />}
        </div>
        {!saved && (
          <footer className="flex items-center justify-between border-t border-slate-200 bg-white px-8 py-3">
            <Button onClick={back} disabled={step === 0} icon={<ArrowLeft aria-hidden className="size-4" />}>
              {t('common.back')}
            </Button>
            {step < STEP_COUNT - 1 && (
              <Button variant="primary" onClick={() => void next()} busy={busy}>
                {step === 1 ? t('wizard.prepare.next') : t('common.next')}
                <ArrowRight aria-hidden className="size-4" />
              </Button>
            )}
          </footer>
        )}
      </main>
    </div>
  );
}
