import {
  CAPABILITIES,
  appName,
  describeSettingsEffect,
  diffFromPreset,
  directionLabel,
  findSource,
  planMakeSource,
  recommendedPreset,
  sourceChangedConcurrentlyReason,
  syncDataLabel,
  validateChangeSet,
  type AppChange,
  type AppId,
  type CapabilitiesTable,
  type ChangeSetResult,
  type ConnectionSettings,
  type FieldChange,
  type RunDue,
  type SettingsChange,
  type SyncData,
  type UnlockAction,
} from './rules';

/**
 * One saved edit to sync settings, as the page asks for it and the server applies it.
 * The page previews a request with planSettingsRequest and the server re-plans the same
 * request against the rows it has locked, so both always run the same rules.
 */
export type SettingsRequest<A extends string = AppId> =
  /** An edit to one connection (the card's Save, or an unlock such as "Set Gusto's Sync data to Nothing"). */
  | { kind: 'change'; app: A; syncData?: SyncData; direction?: 'from_app' | 'to_app' }
  /** "Make XPM the source instead": both apps change together. */
  | { kind: 'make_source'; app: A; syncData?: Exclude<SyncData, 'nothing'> }
  /** "Apply recommended setup" for the apps that are connected. */
  | { kind: 'recommended_preset' }
  /** Every connection's settings at once (the onboarding wizard's adjusted setup), judged as one change set. */
  | { kind: 'settings'; settings: ConnectionSettings<A>[] };

/** The audit trail's cause for each kind of request (settings_audit.cause). */
export type SettingsCause = 'manual' | 'make_source' | 'recommended_preset';

export function causeOf(request: Pick<SettingsRequest<string>, 'kind'>): SettingsCause {
  return request.kind === 'change' || request.kind === 'settings' ? 'manual' : request.kind;
}

/**
 * What a request changes, validated as one change set (end state judged by the
 * one-source rule, `changes` in safe write order). An empty `changes` means the request
 * asks for what is already stored.
 */
export function planSettingsRequest<A extends string = AppId>(
  current: readonly ConnectionSettings<A>[],
  request: SettingsRequest<A>,
  caps: CapabilitiesTable<A> = CAPABILITIES as unknown as CapabilitiesTable<A>,
): ChangeSetResult<A> {
  switch (request.kind) {
    case 'change': {
      const change: SettingsChange<A> = { app: request.app };
      if (request.syncData !== undefined) change.syncData = request.syncData;
      if (request.direction !== undefined) change.direction = request.direction;
      return validateChangeSet(current, [change], caps);
    }
    case 'make_source': {
      const plan = planMakeSource(current, request.app, request.syncData ? { syncData: request.syncData } : {}, caps);
      if (!plan.ok) return { ok: false, code: plan.code, reason: plan.reason, app: request.app };
      return validateChangeSet(current, toSettingsChanges(plan.changes), caps);
    }
    case 'settings':
      return validateChangeSet(
        current,
        request.settings.map(({ app, syncData, direction }) => ({ app, syncData, direction })),
        caps,
      );
    case 'recommended_preset': {
      const preset = recommendedPreset(
        current.map((c) => c.app),
        caps,
      );
      return validateChangeSet(current, toSettingsChanges(diffFromPreset(current, preset).appChanges), caps);
    }
  }
}

function toSettingsChanges<A extends string>(changes: readonly AppChange<A>[]): SettingsChange<A>[] {
  return changes.map(({ app, after }) => ({ app, syncData: after.syncData, direction: after.direction }));
}

/** The request an unlock button stands for. */
export function requestForUnlock<A extends string>(action: UnlockAction<A>): SettingsRequest<A> {
  switch (action.kind) {
    case 'set_sync_data':
      return { kind: 'change', app: action.app, syncData: action.value };
    case 'set_direction':
      return { kind: 'change', app: action.app, direction: action.value };
    case 'make_source':
      return action.syncData ? { kind: 'make_source', app: action.app, syncData: action.syncData } : { kind: 'make_source', app: action.app };
  }
}

/**
 * The server's verdict on a request planned against the rows it has locked, given the
 * settings the admin's page showed when they asked (`seen`). If the settings moved since,
 * nothing is written and the admin is asked to review: a stale page never applies a
 * change its admin did not see (e.g. saving "Everything" meant as From XPM after another
 * admin turned XPM to To XPM). Without `seen` (a direct call) the rules alone decide.
 */
export type SettingsVerdict<A extends string = AppId> =
  | { ok: true; changes: AppChange<A>[]; fieldChanges: FieldChange<A>[]; next: ConnectionSettings<A>[] }
  | { ok: false; reason: string; conflict: boolean };

export const SETTINGS_CHANGED_REASON = 'Sync settings changed a moment ago — review and try again.';

export function judgeSettingsRequest<A extends string = AppId>(
  current: readonly ConnectionSettings<A>[],
  request: SettingsRequest<A>,
  seen?: readonly ConnectionSettings<string>[],
  caps: CapabilitiesTable<A> = CAPABILITIES as unknown as CapabilitiesTable<A>,
): SettingsVerdict<A> {
  if (seen !== undefined && !sameSettingsSet(current, seen)) {
    const source = findSource(current);
    const moved = source !== null && source !== findSource(seen);
    return { ok: false, reason: moved ? sourceChangedConcurrentlyReason(caps, source) : SETTINGS_CHANGED_REASON, conflict: true };
  }
  const plan = planSettingsRequest(current, request, caps);
  if (!plan.ok) return { ok: false, reason: plan.reason, conflict: false };
  return { ok: true, changes: plan.changes, fieldChanges: plan.fieldChanges, next: plan.next };
}

/** Whether two sets of connection settings are the same (order aside). */
export function sameSettingsSet(a: readonly ConnectionSettings<string>[], b: readonly ConnectionSettings<string>[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x) => b.some((y) => y.app === x.app && y.syncData === x.syncData && y.direction === x.direction));
}

// ── Words for previews and the history ───────────────────────────────────────────────

export function fieldLabel(field: FieldChange<string>['field'] | 'sync_data' | 'sync_direction'): string {
  return field === 'syncData' || field === 'sync_data' ? 'Sync data' : 'Sync direction';
}

/** A stored setting value in words: "Client name", "To XPM"; "—" when there was none. */
export function settingValueLabel<A extends string>(
  caps: CapabilitiesTable<A>,
  app: string,
  field: FieldChange<string>['field'] | 'sync_data' | 'sync_direction',
  value: string | null,
): string {
  if (value === null) return '—';
  if (field === 'syncData' || field === 'sync_data') {
    return value === 'everything' || value === 'client_name' || value === 'nothing' ? syncDataLabel(value) : value;
  }
  return value === 'from_app' || value === 'to_app' ? directionLabel(caps, app, value) : value;
}

/** "Gusto · Sync data: Nothing → Everything", split for a table or a list. */
export function describeFieldChange<A extends string>(caps: CapabilitiesTable<A>, change: FieldChange<string>) {
  return {
    app: appName(caps, change.app),
    setting: fieldLabel(change.field),
    before: settingValueLabel(caps, change.app, change.field, change.before),
    after: settingValueLabel(caps, change.app, change.field, change.after),
  };
}

/** The same in one line, as the wizard lists a change: "Gusto’s Sync data: Client name → Everything". */
export function fieldChangeLine<A extends string>(caps: CapabilitiesTable<A>, change: FieldChange<string>): string {
  const words = describeFieldChange(caps, change);
  return `${words.app}’s ${words.setting}: ${words.before} → ${words.after}`;
}

/** What each changed connection will do to the linked clients once the request is applied, and when a sync in starts if it is due. */
export function describeChangeEffects<A extends string>(
  caps: CapabilitiesTable<A>,
  changes: readonly AppChange<A>[],
  linkedClients: (app: A) => number,
  runDue: (app: A) => RunDue = () => null,
): string[] {
  return changes.map((c) => describeSettingsEffect(caps, c.after, linkedClients(c.app), runDue(c.app)));
}

const CAUSE_LABEL: Readonly<Record<string, string>> = {
  manual: 'Changed by hand',
  recommended_preset: 'Recommended setup',
  make_source: 'Switched the source',
  connect_defaults: 'Safe defaults on connecting',
  disconnect: 'Disconnected',
  onboarding: 'Applied by the onboarding wizard',
};

export function causeLabel(cause: string): string {
  return CAUSE_LABEL[cause] ?? cause;
}
