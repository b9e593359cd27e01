// Every failure that reaches a person is an AppError: a stable code, an i18n message key, details
// to fill the message's {placeholders}, and the i18n key of a hint saying what to do next.

export class AppError extends Error {
  readonly code: string;
  readonly key: string;
  readonly details: Record<string, string>;
  readonly hint: string;

  constructor(code: string, key: string, details: Record<string, string> = {}, hint = '') {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.key = key;
    this.details = details;
    this.hint = hint;
  }
}

const INTERNAL = 'internal';

function internal(message: string): AppError {
  const details: Record<string, string> = message ? { message } : {};
  return new AppError(INTERNAL, 'error.internal', details, 'hint.report_bug');
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}

function fromObject(value: Record<string, unknown>): AppError | null {
  if (typeof value.code !== 'string' || value.code === '') return null;
  const key = typeof value.key === 'string' && value.key ? value.key : `error.${value.code}`;
  const hint = typeof value.hint === 'string' ? value.hint : '';
  return new AppError(value.code, key, stringRecord(value.details), hint);
}

/**
 * toAppError turns whatever a rejected Wails call produced into an AppError. Wails rejects with
 * the Go error's string, which for app.go is the JSON of apperr.Error; anything else (a plain
 * string, a JS Error from a broken binding) becomes an "internal" error carrying the message.
 */
export function toAppError(reason: unknown): AppError {
  if (reason instanceof AppError) return reason;
  if (typeof reason === 'string') {
    const text = reason.trim();
    if (text.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === 'object') {
          const err = fromObject(parsed as Record<string, unknown>);
          if (err) return err;
        }
      } catch {
        // not JSON after all: fall through to a plain message
      }
    }
    return internal(text);
  }
  if (reason instanceof Error) {
    return internal(reason.message);
  }
  if (reason && typeof reason === 'object') {
    const err = fromObject(reason as Record<string, unknown>);
    if (err) return err;
  }
  return internal(reason === undefined || reason === null ? '' : String(reason));
}

/** call runs one bound Go method and rethrows its failure as an AppError. */
export async function call<T>(fn: () => Promise<unknown>): Promise<T> {
  try {
    return (await fn()) as T;
  } catch (reason) {
    throw toAppError(reason);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
