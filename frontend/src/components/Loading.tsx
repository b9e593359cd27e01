import { Loader2 } from 'lucide-react';

/** A busy indicator with its text announced politely to screen readers. */
export function Loading({ label, className = '' }: { label: string; className?: string }) {
  return (
    <div role="status" className={`flex items-center gap-2 text-sm text-slate-600 ${className}`}>
      <Loader2 aria-hidden className="size-4 animate-spin" />
      <span>{label}</span>
    </div>
  );
}
