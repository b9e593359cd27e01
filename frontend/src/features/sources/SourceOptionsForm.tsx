import { useState } from 'react';
import { FolderOpen } from 'lucide-react';
import { chooseFolder, toAppError, type AppError } from '../../bridge';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Checkbox, TextField } from '../../components/Field';
import { useI18n } from '../../i18n';
import { MAX_INTERVAL, MIN_INTERVAL, SCHEDULE_PRESETS, VIDEO_EXTENSIONS, type FieldErrors, type SourceOptions } from '../wizard/draft';

export interface SourceOptionsFormProps {
  value: SourceOptions;
  onChange(value: SourceOptions): void;
  errors: FieldErrors;
}

/** Where videos go, how often to sync, and which files count: the wizard's step 5 and Edit source. */
export function SourceOptionsForm({ value, onChange, errors }: SourceOptionsFormProps) {
  const { t } = useI18n();
  const [dialogError, setDialogError] = useState<AppError | null>(null);
  const set = <K extends keyof SourceOptions>(key: K, v: SourceOptions[K]) => onChange({ ...value, [key]: v });
  const err = (field: string) => (errors[field] ? t(errors[field]!, { min: MIN_INTERVAL, max: MAX_INTERVAL }) : undefined);

  const browse = async () => {
    setDialogError(null);
    try {
      const dir = await chooseFolder(t('options.chooseFolderTitle'));
      if (dir) set('localDir', dir);
    } catch (e) {
      setDialogError(toAppError(e));
    }
  };

  const toggleExt = (ext: string, on: boolean) =>
    set('extensions', on ? VIDEO_EXTENSIONS.filter((x) => x === ext || value.extensions.includes(x)) : value.extensions.filter((x) => x !== ext));

  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="opt-folder" className="flex flex-col gap-2">
        <h2 id="opt-folder" className="text-sm font-semibold text-slate-900">
          {t('options.folder.title')}
        </h2>
        <TextField
          label={t('options.folder.label')}
          help={t('options.folder.help')}
          value={value.localDir}
          onChange={(e) => set('localDir', e.target.value)}
          error={err('localDir')}
          placeholder={t('options.folder.placeholder')}
          className="font-mono"
          spellCheck={false}
          trailing={
            <Button onClick={() => void browse()} icon={<FolderOpen aria-hidden className="size-4" />}>
              {t('options.folder.browse')}
            </Button>
          }
        />
        {dialogError && <ErrorNotice compact error={dialogError} />}
      </section>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold text-slate-900">{t('options.schedule.title')}</legend>
        <div className="flex flex-wrap gap-2">
          {[...SCHEDULE_PRESETS, 'custom' as const].map((preset) => {
            const checked = value.schedule === preset;
            return (
              <label key={preset} className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm ${checked ? 'border-blue-600 bg-blue-50 text-blue-950' : 'border-slate-300 bg-white text-slate-800'}`}>
                <input type="radio" name="schedule" className="accent-blue-600" checked={checked} onChange={() => set('schedule', preset)} />
                {t(`options.schedule.${preset}`)}
              </label>
            );
          })}
        </div>
        {value.schedule === 'custom' && (
          <TextField
            label={t('options.schedule.customLabel')}
            type="number"
            min={MIN_INTERVAL}
            max={MAX_INTERVAL}
            value={value.customMinutes}
            onChange={(e) => set('customMinutes', e.target.value)}
            error={err('customMinutes')}
            fieldClassName="max-w-60"
          />
        )}
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold text-slate-900">{t('options.filters.title')}</legend>
        <Checkbox label={t('options.filters.videoOnly')} help={t('options.filters.videoOnlyHelp')} checked={value.videoOnly} onChange={(e) => set('videoOnly', e.target.checked)} />
        {value.videoOnly && (
          <div role="group" aria-label={t('options.filters.types')} className="ml-6 flex flex-wrap gap-x-4 gap-y-1">
            {VIDEO_EXTENSIONS.map((ext) => (
              <label key={ext} className="flex items-center gap-1.5 font-mono text-sm text-slate-800">
                <input type="checkbox" className="accent-blue-600" checked={value.extensions.includes(ext)} onChange={(e) => toggleExt(ext, e.target.checked)} />
                {ext}
              </label>
            ))}
          </div>
        )}
        {errors.extensions && (
          <p role="alert" className="ml-6 text-xs font-medium text-red-700">
            {t(errors.extensions)}
          </p>
        )}
        <div className="flex flex-wrap items-start gap-3">
          <Checkbox label={t('options.filters.since')} checked={value.sinceEnabled} onChange={(e) => set('sinceEnabled', e.target.checked)} className="pt-7" />
          {value.sinceEnabled && (
            <TextField label={t('options.filters.sinceDays')} type="number" min={1} max={3650} value={value.sinceDays} onChange={(e) => set('sinceDays', e.target.value)} error={err('sinceDays')} fieldClassName="w-40" />
          )}
        </div>
      </fieldset>
    </div>
  );
}
