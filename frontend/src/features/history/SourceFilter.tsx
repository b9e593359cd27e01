import type { SourceView } from '../../bridge';
import { SelectField } from '../../components/Field';
import { useI18n } from '../../i18n';

/** "All sources" or one of them. */
export function SourceFilter({ sources, value, onChange }: { sources: SourceView[]; value: number; onChange(id: number): void }) {
  const { t } = useI18n();
  return (
    <SelectField label={t('history.source')} value={value} onChange={(e) => onChange(Number(e.target.value))} fieldClassName="w-64">
      <option value={0}>{t('history.allSources')}</option>
      {sources.map((s) => (
        <option key={s.id} value={s.id}>
          {s.bucket}/{s.prefix}
        </option>
      ))}
    </SelectField>
  );
}

export const sourceLabel = (sources: SourceView[], id: number) => {
  const s = sources.find((x) => x.id === id);
  return s ? `${s.bucket}/${s.prefix}` : `#${id}`;
};
