'use client';

import { useEffect } from 'react';
import { Button } from '@/components/ui/button';

/** Something failed while rendering this page: say so plainly and offer a retry. */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-red-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-700">Nothing you saved has been lost. Try again; if it keeps happening, quote reference {error.digest ?? 'n/a'} to support.</p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
