/**
 * The one-source rule (DESIGN §3), shared by the settings page and the server. Pure: no
 * React, no database. Every function takes an optional capabilities table (default
 * CAPABILITIES) so a new app is one table entry.
 */
export {
  SYNC_DATA_VALUES,
  SYNC_DIRECTIONS,
  isSyncData,
  isSyncDirection,
  type AppChange,
  type AppId,
  type ConnectionSettings,
  type FieldChange,
  type RunDue,
  type SettingsChange,
  type SyncData,
  type SyncDirection,
} from './types';
export { CAPABILITIES, appsOf, capabilityOf, supports, type AppCapability, type CapabilitiesTable } from './capabilities';
export { findSource, inboundSources, isInboundSource } from './source';
export { appName, describeDisconnect, describeSettingsEffect, directionLabel, joinNames, reasonForReadOnly, sourceChangedConcurrentlyReason, syncDataLabel } from './messages';
export { orderForApply, validateChange, validateChangeSet, type ChangeRefusalCode, type ChangeResult, type ChangeSetResult } from './validate';
export { evaluateOptions, type CardOptions, type OptionState } from './evaluate-options';
export { applyUnlock, unlockChanges, type UnlockAction } from './unlock';
export { planMakeSource, type MakeSourceOptions, type MakeSourcePlan } from './make-source';
export { diffFromPreset, recommendedPreset, type Preset, type PresetDiff } from './preset';
export { safeDefaultsForNewConnection, startingSettingsNote, type NewConnectionDefaults } from './new-connection';
