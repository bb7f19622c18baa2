import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-500 focus-visible:outline-2 focus-visible:outline-brand-600 aria-invalid:border-red-600 disabled:bg-slate-100';
// A long unbroken word (a pasted link, a typo with no spaces) wraps anywhere: `field-sizing`
// otherwise makes it the field's narrowest width, and the page scrolls sideways on a phone.
export const growingTextClass = `${inputClass} field-sizing-content min-h-[2.375rem] resize-none [overflow-wrap:anywhere]`;
export const selectClass = `${inputClass} pr-8`;

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(inputClass, className)} {...props} />;
}

/**
 * A one-paragraph text that wraps and grows with what is typed (CSS `field-sizing`), instead of
 * an input that cuts long text off. Enter does not start a new line: the value is one line of
 * text (free text refuses control characters), only its display wraps.
 */
export function GrowingText({ className, onKeyDown, ...props }: ComponentProps<'textarea'>) {
  return (
    <textarea
      rows={1}
      className={cn(growingTextClass, className)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.preventDefault();
        onKeyDown?.(event);
      }}
      {...props}
    />
  );
}

export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(selectClass, className)} {...props} />;
}
