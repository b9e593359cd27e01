import { useEffect, useRef, useState } from 'react';
import { ChevronDown, ChevronRight, PlugZap } from 'lucide-react';
import type { AppError, ConnectionInput, TestResult } from '../../bridge';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Checkbox, SelectField, TextField } from '../../components/Field';
import { SecretField } from '../../components/SecretField';
import { useI18n } from '../../i18n';
import type { FieldErrors } from '../wizard/draft';
import { AWS_REGIONS } from './regions';
import { TestResultView } from './TestResultView';

export interface ConnectionFormProps {
  value: ConnectionInput;
  onChange(value: ConnectionInput): void;
  errors: FieldErrors;
  testing: boolean;
  result: TestResult | null;
  testError: AppError | null;
  onTest(): void;
}

/** Access key, secret, region and (under Advanced) an S3-compatible endpoint, with a Test button. */
export function ConnectionForm({ value, onChange, errors, testing, result, testError, onTest }: ConnectionFormProps) {
  const { t } = useI18n();
  const [advanced, setAdvanced] = useState(Boolean(value.endpoint || value.sessionToken));
  const outcome = useRef<HTMLDivElement>(null);
  // A test's outcome appears below the fold on small windows: bring it into view.
  useEffect(() => {
    if (result || testError) outcome.current?.scrollIntoView?.({ block: 'nearest' });
  }, [result, testError]);
  const set = <K extends keyof ConnectionInput>(key: K, v: ConnectionInput[K]) => onChange({ ...value, [key]: v });
  const err = (field: string) => (errors[field] ? t(errors[field]!) : undefined);

  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-3 gap-x-3 gap-y-2">
        <TextField label={t('conn.field.name')} value={value.name} onChange={(e) => set('name', e.target.value)} placeholder={t('conn.field.namePlaceholder')} />
        <SelectField label={t('conn.field.region')} help={t('conn.field.regionHelp')} value={value.region} onChange={(e) => set('region', e.target.value)}>
          <option value="">{t('conn.field.regionAuto')}</option>
          {AWS_REGIONS.map((r) => (
            <option key={r.code} value={r.code}>
              {r.code} — {r.place}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('conn.field.bucket')}
          help={t('conn.field.bucketHelp')}
          value={value.bucket}
          onChange={(e) => set('bucket', e.target.value)}
          error={err('bucket')}
          className="font-mono"
          spellCheck={false}
          autoCapitalize="off"
        />
        <TextField
          label={t('conn.field.accessKeyId')}
          value={value.accessKeyId}
          onChange={(e) => set('accessKeyId', e.target.value)}
          error={err('accessKeyId')}
          placeholder="AKIA…"
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <SecretField
          label={t('conn.field.secret')}
          help={t('conn.field.secretHelp')}
          value={value.secretAccessKey}
          onChange={(e) => set('secretAccessKey', e.target.value)}
          error={err('secretAccessKey')}
          fieldClassName="col-span-2"
          required
        />
      </div>

      <div>
        <button type="button" aria-expanded={advanced} onClick={() => setAdvanced((a) => !a)} className="inline-flex items-center gap-1 rounded text-sm font-medium text-blue-800 hover:underline">
          {advanced ? <ChevronDown aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />}
          {t('conn.advanced')}
        </button>
        {advanced && (
          <div className="mt-2 grid grid-cols-3 gap-x-3 gap-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
            <TextField
              label={t('conn.field.endpoint')}
              help={t('conn.field.endpointHelp')}
              value={value.endpoint}
              onChange={(e) => set('endpoint', e.target.value)}
              error={err('endpoint')}
              placeholder="https://s3.example.com"
              className="font-mono"
              spellCheck={false}
              fieldClassName="col-span-2"
            />
            <Checkbox label={t('conn.field.pathStyle')} help={t('conn.field.pathStyleHelp')} checked={value.pathStyle} onChange={(e) => set('pathStyle', e.target.checked)} className="self-center" />
            <SecretField label={t('conn.field.sessionToken')} help={t('conn.field.sessionTokenHelp')} value={value.sessionToken} onChange={(e) => set('sessionToken', e.target.value)} fieldClassName="col-span-2" />
          </div>
        )}
      </div>

      <div className="flex items-center gap-3">
        <Button variant="primary" onClick={onTest} busy={testing} icon={<PlugZap aria-hidden className="size-4" />}>
          {testing ? t('conn.testing') : t('conn.test.button')}
        </Button>
        {errors.test && !result && !testError && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {t(errors.test)}
          </p>
        )}
      </div>
      <div ref={outcome} className="scroll-mb-4">
        {testError && <ErrorNotice error={testError} />}
        {result && !testError && <TestResultView result={result} bucket={value.bucket.trim() || undefined} />}
      </div>
    </div>
  );
}
