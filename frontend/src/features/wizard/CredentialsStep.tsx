import { useState } from 'react';
import { testConnection, toAppError, type AppError, type ConnectionView } from '../../bridge';
import { useI18n } from '../../i18n';
import { ConnectionForm } from '../connections/ConnectionForm';
import { ProfilePicker } from '../connections/ProfilePicker';
import { SavedConnectionPicker } from '../connections/SavedConnectionPicker';
import { cleanConnectionInput, inputFingerprint, validateConnectionInput, type CredentialMode, type FieldErrors, type WizardDraft } from './draft';

interface Props {
  draft: WizardDraft;
  update(patch: Partial<WizardDraft>): void;
  errors: FieldErrors;
  hasSavedConnections: boolean;
}

/** Step 3: the key (typed, imported from an AWS CLI profile, or one saved before), tested. */
export function CredentialsStep({ draft, update, errors, hasSavedConnections }: Props) {
  const { t } = useI18n();
  const [testing, setTesting] = useState(false);
  const [testError, setTestError] = useState<AppError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const modes: CredentialMode[] = hasSavedConnections ? ['keys', 'profile', 'saved'] : ['keys', 'profile'];
  const stale = draft.testedInput !== inputFingerprint(draft.connInput);

  const test = async () => {
    const local = validateConnectionInput(draft.connInput);
    setFieldErrors(local);
    setTestError(null);
    if (Object.keys(local).length > 0) return;
    setTesting(true);
    const input = cleanConnectionInput(draft.connInput);
    try {
      const tested = await testConnection(input);
      update({ tested, testedInput: inputFingerprint(draft.connInput) });
    } catch (e) {
      update({ tested: null, testedInput: '' });
      setTestError(toAppError(e));
    } finally {
      setTesting(false);
    }
  };

  const chosen = (connection: ConnectionView) => update({ connection });

  return (
    <div className="flex flex-col gap-4">
      <div role="radiogroup" aria-label={t('wizard.cred.modeLabel')} className="flex gap-2">
        {modes.map((mode) => (
          <label key={mode} className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm ${draft.mode === mode ? 'border-blue-600 bg-blue-50 font-medium text-blue-950' : 'border-slate-300 bg-white text-slate-800'}`}>
            <input type="radio" name="cred-mode" className="accent-blue-600" checked={draft.mode === mode} onChange={() => update({ mode, connection: null })} />
            {t(`wizard.cred.mode.${mode}`)}
          </label>
        ))}
      </div>

      {draft.mode === 'keys' && (
        <ConnectionForm
          value={draft.connInput}
          onChange={(connInput) => update({ connInput })}
          errors={{ ...errors, ...fieldErrors }}
          testing={testing}
          result={stale ? null : draft.tested}
          testError={testError}
          onTest={() => void test()}
        />
      )}
      {draft.mode === 'profile' && <ProfilePicker chosen={draft.connection} onImported={chosen} />}
      {draft.mode === 'saved' && <SavedConnectionPicker chosen={draft.connection} onChoose={chosen} />}
      {errors.connection && !draft.connection && draft.mode !== 'keys' && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {t(errors.connection)}
        </p>
      )}
    </div>
  );
}
