import { useEffect, useRef, useState } from 'react';
import { Play } from 'lucide-react';
import { getSettings, listRuns, listSources, saveSettings, saveSource, syncNow, toAppError, useSyncEvents, type AppError, type RunView, type SourceView } from '../../bridge';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { scheduleLabel } from '../../components/scheduleLabel';
import { useI18n } from '../../i18n';
import { extensionsOf, intervalOf, monthlyListEstimate, toSourceInput, type WizardDraft } from './draft';
import { FirstSyncProgress } from './FirstSyncProgress';

interface Props {
  draft: WizardDraft;
  onFinish(): void;
  /** Tells the wizard the source exists now, so Back and Cancel no longer apply. */
  onSaved(): void;
}

const POLL_MS = 2000;

/** Step 6: everything chosen, then Save → the first sync starts and its progress shows here. */
export function SummaryStep({ draft, onFinish, onSaved }: Props) {
  const { t, fmt, lang } = useI18n();
  const [source, setSource] = useState<SourceView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [run, setRun] = useState<RunView | null>(null);
  const started = useRef(false);

  const interval = intervalOf(draft.options);
  const estimate = monthlyListEstimate(draft.listRequestsPerSync, interval);
  const ext = extensionsOf(draft.options);

  // Saving may start a run by itself (the scheduler sees a source never synced) and Sync now
  // joins it or, if it already ended, starts another. The first sync is the earliest finished run.
  const showFirstRun = (sourceId: number, fallback: RunView) => {
    listRuns(sourceId, 10)
      .then((runs) => runs.filter((r) => r.finishedMs > 0).sort((a, b) => a.startedMs - b.startedMs)[0] ?? fallback)
      .catch(() => fallback)
      .then((first) => setRun((prev) => prev ?? first));
  };

  useSyncEvents(source ? [source.id] : [], (e) => {
    if (e.type === 'finished' && source) showFirstRun(source.id, e.run);
  });

  // Start the first sync once the event subscription above is in place.
  useEffect(() => {
    if (!source || started.current) return;
    started.current = true;
    if (source.running) return;
    syncNow(source.id).catch((e) => setError(toAppError(e)));
  }, [source]);

  // Events can be missed (the run may end before we listen): also ask the backend now and then.
  useEffect(() => {
    if (!source || run) return undefined;
    const timer = setInterval(() => {
      listSources()
        .then((all) => {
          const mine = all.find((s) => s.id === source.id);
          if (mine?.lastRun && mine.lastRun.finishedMs > 0) showFirstRun(source.id, mine.lastRun);
        })
        .catch(() => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [source, run]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const settings = await getSettings();
      // A language never saved comes back empty; the one on screen is the user's choice.
      if (settings.startAtLogin !== draft.startAtLogin) await saveSettings({ ...settings, lang: settings.lang || lang, startAtLogin: draft.startAtLogin });
      const saved = await saveSource(toSourceInput(draft));
      setSource(saved);
      onSaved();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  const rows: Array<[string, string, boolean?]> = [
    [t('wizard.summary.connection'), draft.connection?.name ?? ''],
    [t('wizard.summary.from'), `s3://${draft.bucket}/${draft.prefix}`, true],
    [t('wizard.summary.to'), draft.options.localDir.trim(), true],
    [t('wizard.summary.schedule'), scheduleLabel(t, fmt, interval)],
    [t('wizard.summary.files'), ext === null ? t('wizard.summary.allVideos') : ext.length === 0 ? t('wizard.summary.allFiles') : ext.join(' ')],
    [t('wizard.summary.since'), draft.options.sinceEnabled ? t('wizard.summary.lastDays', { count: Number(draft.options.sinceDays) }) : t('wizard.summary.everything')],
    [t('wizard.summary.startAtLogin'), draft.startAtLogin ? t('common.yes') : t('common.no')],
  ];

  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {rows.map(([k, v, path]) => (
          <div key={k} className="contents">
            <dt className="font-medium text-slate-700">{k}</dt>
            <dd className={`break-all text-slate-900 ${path ? 'font-mono' : ''}`}>{v}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-700">{t('wizard.summary.cost', { count: estimate.requests, cost: fmt.usd(estimate.usd) })}</p>

      {!source && (
        <div>
          <Button variant="primary" busy={busy} onClick={() => void save()} icon={<Play aria-hidden className="size-4" />}>
            {t('wizard.summary.save')}
          </Button>
        </div>
      )}
      {error && <ErrorNotice error={error} onRetry={source ? () => void syncNow(source.id).then(() => setError(null), (e) => setError(toAppError(e))) : () => void save()} />}
      {source && <FirstSyncProgress source={source} run={run} onFinish={onFinish} />}
    </div>
  );
}
