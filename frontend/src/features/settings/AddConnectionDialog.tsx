import { useState } from 'react';
import { addConnection, testConnection, toAppError, type AppError, type ConnectionInput, type TestResult } from '../../bridge';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n';
import { ConnectionForm } from '../connections/ConnectionForm';
import { Modal } from '../shared/Modal';
import { cleanConnectionInput, emptyConnectionInput, inputFingerprint, validateConnectionInput, type FieldErrors } from '../wizard/draft';

/** A new connection from typed keys: test, then save. */
export function AddConnectionDialog({ onClose, onAdded }: { onClose(): void; onAdded(): void }) {
  const { t } = useI18n();
  const [input, setInput] = useState<ConnectionInput>(emptyConnectionInput);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<{ for: string; value: TestResult } | null>(null);
  const [testError, setTestError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);

  const test = async () => {
    const found = validateConnectionInput(input);
    setErrors(found);
    setTestError(null);
    if (Object.keys(found).length > 0) return;
    setTesting(true);
    try {
      setResult({ for: inputFingerprint(input), value: await testConnection(cleanConnectionInput(input)) });
    } catch (e) {
      setResult(null);
      setTestError(toAppError(e));
    } finally {
      setTesting(false);
    }
  };

  const save = async () => {
    if (result?.for !== inputFingerprint(input)) {
      setErrors({ ...validateConnectionInput(input), test: 'wizard.validation.testFirst' });
      return;
    }
    setBusy(true);
    setSaveError(null);
    try {
      const clean = cleanConnectionInput(input);
      await addConnection({ ...clean, name: clean.name || t('conn.defaultName') });
      onAdded();
    } catch (e) {
      setSaveError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      wide
      title={t('settings.addConnection')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={busy} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <ConnectionForm
        value={input}
        onChange={setInput}
        errors={errors}
        testing={testing}
        result={result?.for === inputFingerprint(input) ? result.value : null}
        testError={testError}
        onTest={() => void test()}
      />
      {saveError && <ErrorNotice error={saveError} className="mt-3" />}
    </Modal>
  );
}
