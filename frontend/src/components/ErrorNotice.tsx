import { AlertCircle, RotateCw } from 'lucide-react';
import type { AppError } from '../bridge';
import { useI18n, type Translate } from '../i18n';
import { Button } from './Button';

/** The message and hint of an error in the active language, with a fallback for unknown keys. */
export function describeError(t: Translate, error: AppError): { message: string; hint: string } {
  const params = { ...error.details, code: error.code };
  // A detail the backend could not fill still reads as a sentence.
  const fill = (text: string) => text.replace(/\{\w+\}/g, t('detail.unknown'));
  let message = t(error.key, params);
  if (message === error.key) message = t('errors.unknown', params);
  let hint = error.hint ? t(error.hint, params) : '';
  if (hint === error.hint) hint = '';
  return { message: fill(message), hint: fill(hint) };
}

export interface ErrorNoticeProps {
  error: AppError;
  onRetry?: () => void;
  retrying?: boolean;
  compact?: boolean;
  className?: string;
}

/** An error as the user sees it: what happened, what to do, and a retry where it makes sense. */
export function ErrorNotice({ error, onRetry, retrying, compact, className = '' }: ErrorNoticeProps) {
  const { t } = useI18n();
  const { message, hint } = describeError(t, error);
  return (
    <div role="alert" className={`flex gap-3 rounded-lg border border-red-200 bg-red-50 text-red-900 ${compact ? 'p-2.5' : 'p-4'} ${className}`}>
      <AlertCircle aria-hidden className="mt-0.5 size-5 shrink-0 text-red-700" />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold break-words">{message}</p>
        {hint && <p className="mt-1 text-sm break-words text-red-800">{hint}</p>}
        <p className="mt-1 font-mono text-xs text-red-800">{t('errors.codeLabel', { code: error.code })}</p>
      </div>
      {onRetry && (
        <Button size="sm" onClick={onRetry} busy={retrying} icon={<RotateCw aria-hidden className="size-4" />}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}
