'use client';

import { useEffect, useRef, useState } from 'react';
import type { LikelyDuplicate } from '@/lib/dal/client-picker/duplicates';
import type { PickerEntry } from '@/lib/dal/client-picker/search';
import type { AppId } from '@/lib/sync/canonical-client';
import { ClientPicker } from './client-picker';
import { focusClientPicker } from './focus-picker';
import { NewClientForm, type CreatePickerClient } from './new-client-form';
import { PickerQueryProvider } from './query-provider';

/**
 * Everything that searches: the picker and "Create new client", with their TanStack Query
 * client. One module, loaded after the page (see lazy-client-search.tsx), so cmdk, Radix
 * and TanStack Query stay out of the editor's first-load JavaScript.
 */
export default function ClientSearch({
  connectedApps,
  isAdmin,
  labelledBy,
  describedBy,
  createClient,
  onPick,
  onCreated,
  onUseInstead,
  onNewClientFormChange,
}: {
  connectedApps: readonly AppId[];
  isAdmin: boolean;
  /** The id of the picker's visible label, on the page. */
  labelledBy: string;
  describedBy: string;
  /** "Create new client" (the page's server action). */
  createClient: CreatePickerClient;
  onPick: (entry: PickerEntry) => void;
  onCreated: (client: { id: string; name: string; email: string | null }) => void;
  onUseInstead: (duplicate: LikelyDuplicate) => void;
  /** The new client form opened or closed: while it is open the editor must not forget it. */
  onNewClientFormChange: (open: boolean) => void;
}) {
  const [creating, setCreatingState] = useState<string | null>(null);
  const setCreating = (name: string | null) => {
    setCreatingState(name);
    onNewClientFormChange(name !== null);
  };
  // A new picker (empty, closed) once a client came from "Create new client", and focus in it.
  // Focus waits for the new picker to be on the page: after "Create anyway" the re-render comes
  // later than the next frame (the create's answer arrives in an async transition), so focusing
  // at once found the old input, which was then replaced, and focus fell to the page's body.
  const [pickerKey, setPickerKey] = useState(0);
  const focusNewPicker = useRef(false);
  useEffect(() => {
    if (!focusNewPicker.current) return;
    focusNewPicker.current = false;
    focusClientPicker();
  }, [pickerKey]);
  const done = () => {
    setCreating(null);
    focusNewPicker.current = true;
    setPickerKey((k) => k + 1);
  };
  return (
    <PickerQueryProvider>
      <ClientPicker
        key={pickerKey}
        connectedApps={connectedApps}
        isAdmin={isAdmin}
        labelledBy={labelledBy}
        describedBy={describedBy}
        onPick={(entry) => {
          setCreating(null);
          onPick(entry);
        }}
        onCreateNew={setCreating}
      />
      {creating !== null ? (
        <NewClientForm
          key={creating}
          initialName={creating}
          createClient={createClient}
          onCancel={() => {
            setCreating(null);
            focusClientPicker();
          }}
          onUseInstead={(duplicate) => {
            done();
            onUseInstead(duplicate);
          }}
          onCreated={(client) => {
            done();
            onCreated(client);
          }}
        />
      ) : null}
    </PickerQueryProvider>
  );
}
