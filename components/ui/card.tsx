import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/** Padding and border colour are variants, not classes to pass: cn() does not resolve conflicts. */
export const cardVariants = cva('rounded-lg border bg-white shadow-xs', {
  variants: {
    /** `none` for a card that holds a table edge to edge; `compact` for cards in a list. */
    padding: { normal: 'p-5', compact: 'p-4', none: '' },
    tone: { plain: 'border-slate-200', attention: 'border-amber-300' },
  },
  defaultVariants: { padding: 'normal', tone: 'plain' },
});

export function Card({ className, padding, tone, ...props }: ComponentProps<'section'> & VariantProps<typeof cardVariants>) {
  return <section className={cn(cardVariants({ padding, tone }), className)} {...props} />;
}

export const cardTitleClass = 'text-base font-semibold text-slate-900';

export function CardTitle({ className, ...props }: ComponentProps<'h2'>) {
  return <h2 className={cn(cardTitleClass, className)} {...props} />;
}
