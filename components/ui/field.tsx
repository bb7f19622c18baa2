import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

/**
 * A labelled form control with its hint and inline error. The error region is live and
 * tied to the control by aria-describedby, so a screen reader hears why a save failed.
 * Render the control as `children(props)` so the ids are wired for you.
 */
export interface FieldControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
  'aria-describedby'?: string;
}

export const fieldClass = 'space-y-1';

export function Field({
  id,
  label,
  hint,
  errors,
  className,
  required,
  hideHintWhenInvalid = false,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[];
  className?: string;
  required?: boolean;
  /** The error says what the hint says ("Use at least 10 characters."): show one, not both. */
  hideHintWhenInvalid?: boolean;
  children: (props: FieldControlProps) => ReactNode;
}) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hasError = Boolean(errors?.length);
  const showHint = Boolean(hint) && !(hideHintWhenInvalid && hasError);
  const describedBy = [showHint ? hintId : null, errorId].filter(Boolean).join(' ');
  return (
    <div className={cn(fieldClass, className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {/* Seen, not heard: the control says it is required (aria-required), so a screen reader says "required", not "star". */}
        {required ? (
          <span aria-hidden="true" className="text-red-700">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children({ id, 'aria-describedby': describedBy, ...(hasError ? { 'aria-invalid': true } : {}), ...(required ? { 'aria-required': true } : {}) })}
      {showHint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <p id={errorId} aria-live="polite" className="text-sm text-red-700">
        {errors?.join(' ')}
      </p>
    </div>
  );
}
