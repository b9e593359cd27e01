import { useState } from 'react';
import { saveSource, toAppError, type AppError, type SourceView } from '../../bridge';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n';
import { Modal } from '../shared/Modal';
import { optionsFromSource, sourceFields, validateOptions, type FieldErrors, type SourceOptions } from '../wizard/draft';
import { SourceOptionsForm } from './SourceOptionsForm';

/** Change a source's folder, schedule and filters. Its bucket and folder stay as they are. */
export function EditSourceDialog({ source, onClose, onSaved }: { source: SourceView; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<SourceOptions>(() => optionsFromSource(source));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const save = async () => {
    const found = validateOptions(options);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await saveSource({
        id: source.id,
        connectionId: source.connectionId,
        bucket: source.bucket,
        prefix: source.prefix,
        enabled: source.enabled,
        ...sourceFields(options),
      });
      onSaved();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      wide
      title={t('sources.editTitle', { source: `${source.bucket}/${source.prefix}` })}
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
      <SourceOptionsForm value={options} onChange={setOptions} errors={errors} />
      {error && <ErrorNotice error={error} className="mt-4" />}
    </Modal>
  );
}
