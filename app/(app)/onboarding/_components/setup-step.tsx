'use client';

import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { handFocusTo, useHandedFocus } from '@/components/ui/focus-handoff';
import type { SyncSettingsView } from '@/lib/dal/sync-settings';
import type { WizardSetup } from '@/lib/onboarding/steps';
import {
  CAPABILITIES,
  type ConnectionSettings,
  diffFromPreset,
  evaluateOptions,
  recommendedPreset,
  describeSettingsEffect,
  directionLabel,
  syncDataLabel,
  appName,
} from '@/lib/sync/rules';
import { describeDirectionOption, describeSyncDataOption } from '@/lib/sync/rules/messages';
import { saveSetupAction, type WizardFormState } from '../actions';
import { FieldChangeList } from './field-change-list';

interface Props {
  connections: SyncSettingsView[];
  setup: Pick<WizardSetup, 'settings' | 'recommended' | 'basis'>;
}

/**
 * Step 3, Sync settings: the recommended setup for the apps connected (DESIGN §3), each setting in plain
 * words with why, and what it will do to the client list. Accept it, or adjust: the options are
 * the settings page's (evaluateOptions), greyed out with the same reasons. Nothing is applied
 * until step 5. A practice with settings of its own that differ (a finished wizard opened
 * again) sees those as its current choice, and the recommended setup as an alternative that
 * says what it would change: nothing is replaced unless the admin picks it.
 */
export function SetupStep({ connections, setup }: Props) {
  const preset = recommendedPreset(connections.map((c) => c.app));
  const keeping = setup.basis === 'current' && !setup.recommended;
  const [adjusting, setAdjusting] = useState(setup.basis === 'chosen' && !setup.recommended);
  const [draft, setDraft] = useState<ConnectionSettings[]>(setup.settings);
  const [state, setState] = useState<WizardFormState>(null);
  const [pending, startTransition] = useTransition();
  // "Adjust the settings" and "Back to …" go with the part they open or close: focus goes to
  // the heading of the part that is now the one to act on. Outlined there by the app's
  // :focus-visible rule when a key was pressed (it hid the outline: a sighted keyboard user could
  // not see where focus went); `w-fit`, so the outline hugs the words, not the card's width.
  useHandedFocus();
  const linked = (app: string) => connections.find((c) => c.app === app)?.linkedClients ?? 0;
  const save = (settings: ConnectionSettings[] | 'keep' | null) =>
    startTransition(async () => {
      setState(await saveSetupAction({ settings }));
    });
  const presetChanges = keeping ? diffFromPreset(setup.settings, preset.settings).changes : [];
  const adjustButton = (
    <Button
      variant="secondary"
      onClick={() => {
        handFocusTo('adjust-title');
        setAdjusting(true);
      }}
      pending={pending}
    >
      Adjust the settings
    </Button>
  );

  return (
    <div className="space-y-4">
      {keeping ? (
        <section aria-labelledby="current-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="current-title" tabIndex={-1} className="w-fit rounded-sm font-semibold">
            Your current settings
          </h3>
          <p className="mt-1 text-sm text-slate-700">Your practice syncs with these settings now. Keeping them changes nothing.</p>
          <SettingsList settings={setup.settings} linked={linked} testIdPrefix="current" />
          {!adjusting ? (
            <div className="mt-4 flex flex-wrap gap-3">
              {/* 'keep', not these settings: a change on Integrations before "Run it" must not be undone by a copy of them. */}
              <Button onClick={() => save('keep')} pending={pending}>
                {pending ? 'Saving…' : 'Keep my current settings'}
              </Button>
              {adjustButton}
            </div>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="recommended-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h3 id="recommended-title" tabIndex={-1} className="w-fit rounded-sm font-semibold">
          Recommended for your apps
        </h3>
        <p className="mt-1 text-sm text-slate-700">{preset.why}</p>
        <SettingsList settings={preset.settings} linked={linked} testIdPrefix="recommended" />
        {setup.basis === 'current' && setup.recommended ? <p className="mt-3 text-sm text-slate-700">These are your current settings: accepting them changes nothing.</p> : null}
        {keeping ? (
          <div className="mt-3 text-sm text-slate-700" data-testid="recommended-changes">
            <p>Using it instead would change:</p>
            <FieldChangeList changes={presetChanges} className="mt-1" />
          </div>
        ) : null}
        {!adjusting ? (
          <div className="mt-4 flex flex-wrap gap-3">
            {keeping ? (
              <Button variant="secondary" onClick={() => save(null)} pending={pending}>
                Use the recommended setup instead
              </Button>
            ) : (
              <>
                <Button onClick={() => save(null)} pending={pending}>
                  {pending ? 'Saving…' : 'Accept the recommended setup'}
                </Button>
                {adjustButton}
              </>
            )}
          </div>
        ) : null}
      </section>

      {adjusting ? (
        <section aria-labelledby="adjust-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="adjust-title" tabIndex={-1} className="w-fit rounded-sm font-semibold">
            Your setup
          </h3>
          <p className="mt-1 text-sm text-slate-700">Options that would break a rule are greyed out, with why and how to unlock them.</p>
          {draft.map((settings) => {
            const options = evaluateOptions(draft, settings.app);
            const name = appName(CAPABILITIES, settings.app);
            const choose = (next: Partial<ConnectionSettings>) => setDraft((all) => all.map((s) => (s.app === settings.app ? { ...s, ...next } : s)));
            return (
              <div key={settings.app} className="mt-4 grid gap-4 md:grid-cols-2">
                <fieldset>
                  <legend className="text-sm font-semibold">{name}: Sync data</legend>
                  {options.syncData.map((option) => (
                    <Choice
                      key={option.value}
                      name={`${settings.app}-syncData`}
                      label={option.label}
                      description={option.description}
                      reason={option.reason}
                      checked={settings.syncData === option.value}
                      disabled={!option.allowed}
                      onChange={() => choose({ syncData: option.value })}
                    />
                  ))}
                </fieldset>
                <fieldset>
                  <legend className="text-sm font-semibold">{name}: Sync direction</legend>
                  {options.direction.map((option) => (
                    <Choice
                      key={option.value}
                      name={`${settings.app}-direction`}
                      label={option.label}
                      description={option.description}
                      reason={option.reason}
                      checked={settings.direction === option.value}
                      disabled={!option.allowed}
                      onChange={() => choose({ direction: option.value })}
                    />
                  ))}
                </fieldset>
              </div>
            );
          })}
          <div className="mt-4 flex flex-wrap gap-3">
            <Button onClick={() => save(draft)} pending={pending}>
              {pending ? 'Saving…' : 'Save this setup and continue'}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                handFocusTo(keeping ? 'current-title' : 'recommended-title');
                setDraft(keeping ? setup.settings : preset.settings);
                setAdjusting(false);
              }}
              pending={pending}
            >
              {keeping ? 'Back to your current settings' : 'Back to the recommended setup'}
            </Button>
          </div>
        </section>
      ) : null}
      <div aria-live="polite">{state?.formError ? <Alert tone="error">{state.formError}</Alert> : null}</div>
    </div>
  );
}

/** Each app's settings in words, with why, and what they do to its linked clients. */
function SettingsList({ settings, linked, testIdPrefix }: { settings: readonly ConnectionSettings[]; linked: (app: string) => number; testIdPrefix: string }) {
  return (
    <dl className="mt-3 space-y-3">
      {settings.map((s) => (
        <div key={s.app} data-testid={`${testIdPrefix}-${s.app}`}>
          <dt className="text-sm font-semibold">
            {appName(CAPABILITIES, s.app)}: {syncDataLabel(s.syncData)} / {directionLabel(CAPABILITIES, s.app, s.direction)}
          </dt>
          <dd className="text-sm text-slate-700">
            {describeSyncDataOption(CAPABILITIES, s.app, s.syncData, s.direction)} {describeDirectionOption(CAPABILITIES, s.app, s.direction, s.syncData)}
          </dd>
          <dd className="text-sm text-slate-700">
            {/* Not when a sync starts: nothing applies until step 5, which runs the first sync itself. */}
            {describeSettingsEffect(CAPABILITIES, s, linked(s.app))}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Choice(props: { name: string; label: string; description: string; reason: string | undefined; checked: boolean; disabled: boolean; onChange: () => void }) {
  const id = `${props.name}-${props.label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="mt-2 flex items-start gap-2">
      <input
        type="radio"
        id={id}
        name={props.name}
        checked={props.checked}
        disabled={props.disabled}
        onChange={props.onChange}
        aria-describedby={`${id}-about`}
        className="mt-1 h-4 w-4 accent-brand-700"
      />
      <div>
        <label htmlFor={id} className={props.disabled ? 'text-sm text-slate-600' : 'text-sm font-medium'}>
          {props.label}
        </label>
        <p id={`${id}-about`} className="text-xs text-slate-600">
          {props.disabled && props.reason ? props.reason : props.description}
        </p>
      </div>
    </div>
  );
}
