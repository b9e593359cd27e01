import type { Formatters, Translate } from '../i18n';

const PRESETS = new Set([15, 60, 360, 1440]);

/** "Every hour", "Once a day"… for the wizard's presets, else "Every 45 min". */
export function scheduleLabel(t: Translate, fmt: Formatters, minutes: number): string {
  return PRESETS.has(minutes) ? t(`options.schedule.${minutes}`) : t('sources.every', { duration: fmt.duration(minutes * 60_000) });
}
