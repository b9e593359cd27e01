export interface ProgressBarProps {
  /** Accessible name, e.g. "Sync progress". */
  label: string;
  value: number;
  max: number;
  /** Text shown under the bar and given as aria-valuetext, e.g. "12 of 40 files". */
  valueText?: string;
  tone?: 'blue' | 'green' | 'red';
  size?: 'sm' | 'md';
  /** Work has started but its size is not known yet (max is 0). */
  indeterminate?: boolean;
}

const tones = { blue: 'bg-blue-600', green: 'bg-emerald-600', red: 'bg-red-600' };

export function ProgressBar({ label, value, max, valueText, tone = 'blue', size = 'md', indeterminate }: ProgressBarProps) {
  const safeMax = max > 0 ? max : 0;
  const clamped = safeMax ? Math.min(Math.max(value, 0), safeMax) : 0;
  const percent = safeMax ? Math.round((clamped / safeMax) * 100) : 0;
  return (
    <div className="w-full">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={safeMax || 100}
        aria-valuenow={safeMax ? clamped : undefined}
        aria-valuetext={valueText}
        className={`w-full overflow-hidden rounded-full bg-slate-200 ${size === 'sm' ? 'h-1.5' : 'h-2.5'}`}
      >
        <div
          className={`h-full rounded-full transition-[width] duration-300 ${tones[tone]} ${!safeMax && indeterminate ? 'w-1/3 animate-pulse' : ''}`}
          style={safeMax ? { width: `${percent}%` } : indeterminate ? undefined : { width: 0 }}
        />
      </div>
      {valueText && <p className="mt-1 text-xs text-slate-600">{valueText}</p>}
    </div>
  );
}
