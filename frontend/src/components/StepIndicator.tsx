import { Check } from 'lucide-react';

export interface StepIndicatorProps {
  steps: string[];
  current: number;
  label: string;
}

/** The wizard's steps as an ordered list; the current one is marked with aria-current="step". */
export function StepIndicator({ steps, current, label }: StepIndicatorProps) {
  return (
    <nav aria-label={label}>
      <ol className="flex flex-col gap-1">
        {steps.map((step, i) => {
          const done = i < current;
          const active = i === current;
          return (
            <li key={step} aria-current={active ? 'step' : undefined} className={`flex items-center gap-3 rounded-md px-2 py-2 text-sm ${active ? 'bg-blue-50 font-semibold text-blue-900' : done ? 'text-slate-800' : 'text-slate-600'}`}>
              <span
                aria-hidden
                className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${done ? 'bg-emerald-600 text-white' : active ? 'bg-blue-600 text-white' : 'border border-slate-300 bg-white text-slate-700'}`}
              >
                {done ? <Check className="size-3.5" /> : i + 1}
              </span>
              <span className="leading-tight">{step}</span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
