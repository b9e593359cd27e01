import type { ReactNode } from 'react';
import { AlertTriangle, CheckCircle2, Info } from 'lucide-react';

type Tone = 'info' | 'warning' | 'success';

const look: Record<Tone, { box: string; icon: ReactNode }> = {
  info: { box: 'border-blue-200 bg-blue-50 text-blue-950', icon: <Info aria-hidden className="mt-0.5 size-5 shrink-0 text-blue-700" /> },
  warning: { box: 'border-amber-300 bg-amber-50 text-amber-950', icon: <AlertTriangle aria-hidden className="mt-0.5 size-5 shrink-0 text-amber-700" /> },
  success: { box: 'border-emerald-200 bg-emerald-50 text-emerald-950', icon: <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-700" /> },
};

/** A non-error message box: information, a warning the user should read, or a success. */
export function Notice({ tone = 'info', title, children, className = '' }: { tone?: Tone; title?: string; children?: ReactNode; className?: string }) {
  return (
    <div role={tone === 'warning' ? 'note' : 'status'} className={`flex gap-3 rounded-lg border p-3 text-sm ${look[tone].box} ${className}`}>
      {look[tone].icon}
      <div className="min-w-0 flex-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className={title ? 'mt-1' : ''}>{children}</div>}
      </div>
    </div>
  );
}
