import { Checkbox } from '../../components/Field';
import { useI18n } from '../../i18n';
import { SourceOptionsForm } from '../sources/SourceOptionsForm';
import type { FieldErrors, WizardDraft } from './draft';

interface Props {
  draft: WizardDraft;
  update(patch: Partial<WizardDraft>): void;
  errors: FieldErrors;
}

/** Step 5: the local folder, the schedule, the filters, and start at login. */
export function LocalStep({ draft, update, errors }: Props) {
  const { t } = useI18n();
  return (
    <div className="flex flex-col gap-5">
      <SourceOptionsForm value={draft.options} onChange={(options) => update({ options })} errors={errors} />
      <div className="border-t border-slate-200 pt-4">
        <Checkbox label={t('options.startAtLogin')} help={t('options.startAtLoginHelp')} checked={draft.startAtLogin} onChange={(e) => update({ startAtLogin: e.target.checked })} />
      </div>
    </div>
  );
}
