import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export const alertVariants = cva('rounded-md border px-4 py-3 text-sm', {
  variants: {
    tone: {
      error: 'border-red-300 bg-red-50 text-red-900',
      success: 'border-green-300 bg-green-50 text-green-900',
      info: 'border-brand-100 bg-brand-50 text-brand-800',
      warning: 'border-amber-300 bg-amber-50 text-amber-900',
    },
  },
  defaultVariants: { tone: 'info' },
});

/** A message block. Errors use role="alert" so they are announced when they appear. */
export function Alert({ tone = 'info', className, ...props }: ComponentProps<'div'> & { tone?: NonNullable<VariantProps<typeof alertVariants>['tone']> }) {
  return <div role={tone === 'error' ? 'alert' : 'status'} className={cn(alertVariants({ tone }), className)} {...props} />;
}
