import { useState } from 'react';
import { KeyRound, PlugZap, Trash2 } from 'lucide-react';
import { listBuckets, toAppError, type AppError, type ConnectionView } from '../../bridge';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n';

export const ROTATE_AFTER_DAYS = 90;

type TestState = { status: 'idle' } | { status: 'testing' } | { status: 'ok'; buckets: number } | { status: 'error'; error: AppError };

/** One saved connection with its key's age and the warnings that apply to it. */
export function ConnectionRow({ connection: c, onRotate, onRemove }: { connection: ConnectionView; onRotate(): void; onRemove(): void }) {
  const { t, fmt } = useI18n();
  const [test, setTest] = useState<TestState>({ status: 'idle' });
  const titleId = `conn-${c.id}`;

  // A saved connection is tested with its stored secret: listing buckets proves the key works.
  const runTest = async () => {
    setTest({ status: 'testing' });
    try {
      const buckets = await listBuckets(c.id);
      setTest({ status: 'ok', buckets: buckets.length });
    } catch (e) {
      setTest({ status: 'error', error: toAppError(e) });
    }
  };

  return (
    <li aria-labelledby={titleId} className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3">
      <div className="flex items-start gap-3">
        <KeyRound aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-600" />
        <div className="min-w-0 flex-1">
          <p id={titleId} className="font-semibold text-slate-900">
            {c.name}
          </p>
          <p className="truncate font-mono text-xs text-slate-700">
            {c.accessKeyId} · {c.endpoint || c.region || t('conn.field.regionAuto')}
          </p>
          {c.arn && <p className="truncate font-mono text-xs text-slate-600" title={c.arn}>{c.arn}</p>}
          <p className="text-xs text-slate-600">{t('settings.keyAge', { count: c.keyAgeDays, date: fmt.date(c.createdMs) })}</p>
        </div>
      </div>
      {c.isRoot && <Notice tone="warning" title={t('conn.root.title')}>{t('conn.root.body')}</Notice>}
      {c.keyAgeDays >= ROTATE_AFTER_DAYS && <Notice tone="warning" title={t('settings.rotateDue', { count: c.keyAgeDays })}>{t('settings.rotateHint')}</Notice>}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" aria-describedby={titleId} busy={test.status === 'testing'} onClick={() => void runTest()} icon={<PlugZap aria-hidden className="size-4" />}>
          {t('settings.test')}
        </Button>
        <Button size="sm" aria-describedby={titleId} onClick={onRotate} icon={<KeyRound aria-hidden className="size-4" />}>
          {t('settings.rotate')}
        </Button>
        <Button size="sm" variant="ghost" aria-describedby={titleId} onClick={onRemove} icon={<Trash2 aria-hidden className="size-4" />} className="ml-auto text-red-700 hover:bg-red-50">
          {t('settings.remove')}
        </Button>
      </div>
      {test.status === 'ok' && <Notice tone="success">{t('settings.testOk', { count: test.buckets })}</Notice>}
      {test.status === 'error' && <ErrorNotice compact error={test.error} onRetry={() => void runTest()} />}
    </li>
  );
}
