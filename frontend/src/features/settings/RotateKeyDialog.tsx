import { useState } from 'react';
import { rotateKey, toAppError, type AppError, type ConnectionView } from '../../bridge';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { SecretField } from '../../components/SecretField';
import { useI18n } from '../../i18n';
import { Modal } from '../shared/Modal';

/** Replace a connection's key with a new one; the new key is tested before it is saved. */
export function RotateKeyDialog({ connection, onClose, onRotated }: { connection: ConnectionView; onClose(): void; onRotated(): void }) {
  const { t } = useI18n();
  const [keyId, setKeyId] = useState('');
  const [secret, setSecret] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const rotate = async () => {
    setMissing(!keyId.trim() || !secret.trim());
    if (!keyId.trim() || !secret.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await rotateKey(connection.id, keyId.trim(), secret.trim());
      onRotated();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('settings.rotateTitle', { name: connection.name })}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={busy} onClick={() => void rotate()}>
            {t('settings.rotateConfirm')}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        <p className="text-sm text-slate-700">{t('settings.rotateBody')}</p>
        <TextField label={t('conn.field.accessKeyId')} value={keyId} onChange={(e) => setKeyId(e.target.value)} className="font-mono" error={missing && !keyId.trim() ? t('wizard.validation.required') : undefined} />
        <SecretField label={t('conn.field.secret')} value={secret} onChange={(e) => setSecret(e.target.value)} error={missing && !secret.trim() ? t('wizard.validation.required') : undefined} />
        {error && <ErrorNotice error={error} />}
      </div>
    </Modal>
  );
}
