import { useEffect, useRef, useState } from 'react';
import { Save } from 'lucide-react';
import { getSettings, saveSettings, setLanguage, toAppError, type AppError, type Settings } from '../../bridge';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Checkbox, SelectField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { isLang, useI18n } from '../../i18n';
import { useAsync } from '../shared/useAsync';
import { PageHeader } from '../shell/PageHeader';
import { ConnectionsPanel } from './ConnectionsPanel';

const MAX_CONCURRENCY = 16;

/** Language, transfer limits, start at login, notifications, and the saved connections. */
export function SettingsPage() {
  const { t, lang, setLang } = useI18n();
  const langInUse = useRef(lang);
  langInUse.current = lang;
  const { state, reload } = useAsync(getSettings, []);
  const [form, setForm] = useState<Settings | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [invalid, setInvalid] = useState<Partial<Record<'concurrency' | 'bandwidth', string>>>({});

  useEffect(() => {
    // A language never saved comes back empty: show the one in use.
    if (state.status === 'ready') setForm({ ...state.data, lang: state.data.lang || langInUse.current });
  }, [state]);

  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setSaved(false);
    setForm((f) => (f ? { ...f, [key]: value } : f));
  };

  const save = async () => {
    if (!form) return;
    const bad: typeof invalid = {};
    if (!Number.isInteger(form.concurrency) || form.concurrency < 1 || form.concurrency > MAX_CONCURRENCY) bad.concurrency = t('settings.concurrencyInvalid', { max: MAX_CONCURRENCY });
    if (!Number.isInteger(form.bandwidthLimitKBps) || form.bandwidthLimitKBps < 0) bad.bandwidth = t('settings.bandwidthInvalid');
    setInvalid(bad);
    if (Object.keys(bad).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await saveSettings(form);
      if (isLang(form.lang)) {
        await setLanguage(form.lang);
        setLang(form.lang);
      }
      setSaved(true);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader title={t('nav.settings')} description={t('settings.description')} />
      <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-6 overflow-auto px-6 py-4">
        <section aria-labelledby="general-title" className="flex flex-col gap-4 self-start rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="general-title" className="text-base font-semibold text-slate-900">
            {t('settings.general')}
          </h2>
          {state.status === 'loading' && <Loading label={t('common.loading')} />}
          {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => reload()} />}
          {form && (
            <form
              className="flex flex-col gap-4"
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <SelectField label={t('settings.language')} value={form.lang} onChange={(e) => set('lang', e.target.value)}>
                <option value="vi">Tiếng Việt</option>
                <option value="en">English</option>
              </SelectField>
              <TextField
                label={t('settings.concurrency')}
                help={t('settings.concurrencyHelp')}
                type="number"
                min={1}
                max={MAX_CONCURRENCY}
                value={form.concurrency}
                onChange={(e) => set('concurrency', Number(e.target.value))}
                error={invalid.concurrency}
              />
              <TextField
                label={t('settings.bandwidth')}
                help={t('settings.bandwidthHelp')}
                type="number"
                min={0}
                value={form.bandwidthLimitKBps}
                onChange={(e) => set('bandwidthLimitKBps', Number(e.target.value))}
                error={invalid.bandwidth}
              />
              <Checkbox label={t('options.startAtLogin')} help={t('options.startAtLoginHelp')} checked={form.startAtLogin} onChange={(e) => set('startAtLogin', e.target.checked)} />
              <Checkbox label={t('settings.notifications')} help={t('settings.notificationsHelp')} checked={form.notifications} onChange={(e) => set('notifications', e.target.checked)} />
              <div className="flex items-center gap-3">
                <Button type="submit" variant="primary" busy={busy} icon={<Save aria-hidden className="size-4" />}>
                  {t('common.save')}
                </Button>
              </div>
              {saved && <Notice tone="success">{t('settings.saved')}</Notice>}
              {error && <ErrorNotice error={error} />}
            </form>
          )}
        </section>
        <ConnectionsPanel />
      </div>
    </div>
  );
}
