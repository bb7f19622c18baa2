'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/input';
import { currentZoneName, zoneLabel } from '@/lib/time-zone-names';
import { useBrowserZone } from './use-browser-zone';

/**
 * A practice's time zone, as sign-up and the setup wizard ask for it (field name `timezone`).
 * `zones` comes from the server (lib/time-zones.ts), so the list rendered there and after
 * hydration is the one the action validates against. When the browser's zone differs from the
 * one selected, it is offered with a button rather than switched to: a silent switch would
 * move Gusto's daily sync and every time the app shows without the person knowing, and a
 * switch after hydration would undo a choice made before it.
 */
export function TimeZoneField({
  zones,
  initial,
  hint,
  offerBrowserZone,
  errors,
}: {
  zones: readonly string[];
  /** What the zone decides, in the caller's words (before any app is connected, or after). */
  hint: string;
  /** Selected until the person picks another (the practice's own zone, or sign-up's default). */
  initial: string;
  offerBrowserZone: boolean;
  errors: string[] | undefined;
}) {
  const [chosen, setChosen] = useState<string | null>(null);
  // The list has current names ("Asia/Kolkata"): a browser, or a practice that chose earlier, may say the old one.
  const browserZone = useBrowserZone();
  const offerable = browserZone ? currentZoneName(browserZone) : null;
  const current = currentZoneName(initial);
  const options = zones.includes(current) ? zones : [current, ...zones];
  const zone = chosen ?? current;
  const offeredZone = offerBrowserZone && offerable && offerable !== zone && options.includes(offerable) ? offerable : null;
  return (
    <>
      <Field id="timezone" label="Time zone" hint={hint} errors={errors}>
        {(p) => (
          <Select {...p} name="timezone" value={zone} onChange={(e) => setChosen(e.target.value)}>
            {options.map((option) => (
              <option key={option} value={option}>
                {zoneLabel(option)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {offeredZone ? (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700" data-testid="browser-zone-offer">
          <span>
            Your browser is set to <strong className="font-medium">{zoneLabel(offeredZone)}</strong>.
          </span>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setChosen(offeredZone);
              // The button goes with the offer: focus lands on the list, which reads out the zone chosen.
              document.getElementById('timezone')?.focus();
            }}
          >
            Use {zoneLabel(offeredZone)}
          </Button>
        </p>
      ) : null}
    </>
  );
}
