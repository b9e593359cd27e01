import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

const inputClass =
  'h-9 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 placeholder:text-slate-500 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600';

interface FieldShellProps {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
}

function FieldShell({ id, label, help, error, children, className = '' }: FieldShellProps) {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {help && !error && (
        <p id={`${id}-help`} className="text-xs text-slate-600">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  trailing?: ReactNode;
  fieldClassName?: string;
}

export function TextField({ label, help, error, trailing, fieldClassName, className = '', ...rest }: TextFieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : help ? `${id}-help` : undefined;
  return (
    <FieldShell id={id} label={label} help={help} error={error} className={fieldClassName}>
      <div className="flex items-center gap-2">
        <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={`${inputClass} ${className}`} {...rest} />
        {trailing}
      </div>
    </FieldShell>
  );
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  fieldClassName?: string;
}

export function SelectField({ label, help, error, fieldClassName, className = '', children, ...rest }: SelectFieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : help ? `${id}-help` : undefined;
  return (
    <FieldShell id={id} label={label} help={help} error={error} className={fieldClassName}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={`${inputClass} ${className}`} {...rest}>
        {children}
      </select>
    </FieldShell>
  );
}

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id'> {
  label: ReactNode;
  help?: ReactNode;
}

export function Checkbox({ label, help, className = '', ...rest }: CheckboxProps) {
  const id = useId();
  return (
    <div className={`flex items-start gap-2 ${className}`}>
      <input id={id} type="checkbox" aria-describedby={help ? `${id}-help` : undefined} className="mt-0.5 size-4 shrink-0 accent-blue-600" {...rest} />
      <div className="flex flex-col">
        <label htmlFor={id} className="text-sm text-slate-800">
          {label}
        </label>
        {help && (
          <p id={`${id}-help`} className="text-xs text-slate-600">
            {help}
          </p>
        )}
      </div>
    </div>
  );
}
