'use client';

import { type ReactNode, useId, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { AppId } from '@/lib/apps/ids';
import { continueFromPreviewAction, setImportAction, type WizardFormState } from '../actions';

const WORDS: Record<AppId, { label: string; hint: string }> = {
  gusto: {
    label: 'Import Gusto companies that match no client as new clients',
    hint: 'The companies you authorised in Gusto are usually your clients. Unticked, they stay in the client picker and become clients when picked.',
  },
  xpm: {
    label: 'Import XPM clients that match no client as new clients',
    hint: 'XPM often holds thousands of clients, many of them past ones. Unticked, they stay searchable in the client picker and become clients when picked.',
  },
};

/**
 * Step 4's import option: remembered at once (the preview, `children`, is planned again with
 * it), then Continue below the preview.
 */
export function ImportChoice({ app, importUnlinked, children }: { app: AppId; importUnlinked: boolean; children: ReactNode }) {
  const id = useId();
  const [checked, setChecked] = useState(importUnlinked);
  const [state, setState] = useState<WizardFormState>(null);
  const [pending, startTransition] = useTransition();
  const toggle = (next: boolean) => {
    setChecked(next);
    startTransition(async () => setState(await setImportAction({ importUnlinked: next })));
  };
  return (
    <div className="space-y-3">
      <div className="flex items-start gap-2">
        <input id={id} type="checkbox" className="mt-1 h-4 w-4 accent-brand-700" checked={checked} onChange={(e) => toggle(e.target.checked)} aria-describedby={`${id}-hint`} />
        <div>
          <label htmlFor={id} className="text-sm font-medium">
            {WORDS[app].label}
          </label>
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {WORDS[app].hint}
          </p>
        </div>
      </div>
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={pending} onClick={() => startTransition(async () => setState(await continueFromPreviewAction({ importUnlinked: checked })))}>
          Continue
        </Button>
        {pending ? (
          <span role="status" className="text-sm text-slate-700">
            Updating the preview…
          </span>
        ) : null}
      </div>
      <div aria-live="polite">{state?.formError ? <Alert tone="error">{state.formError}</Alert> : null}</div>
    </div>
  );
}
