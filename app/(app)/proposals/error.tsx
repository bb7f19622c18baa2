'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

export default function ProposalsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <Alert tone="error">
      <p>Something went wrong loading proposals. Nothing was changed.</p>
      <Button variant="secondary" size="sm" className="mt-2" onClick={reset}>
        Try again
      </Button>
    </Alert>
  );
}
