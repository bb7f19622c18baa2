import 'server-only';
import { type Keyring, needsReseal, openSecret, parseKeyring, sealSecret } from '@/lib/crypto';
import { tokenKeyringSpec } from '@/lib/secrets';

/**
 * Tokens are sealed with the grant's identity and the token's role as associated data, so a
 * sealed value copied to another grant, or from the refresh to the access column, fails to open.
 *
 * The parsed keyring is a cache of the environment, not shared state: a second copy of this
 * module (Next bundles server code more than once) parses the same keys to the same keyring.
 */
let keyring: Keyring | undefined;

function currentKeyring(): Keyring {
  keyring ??= parseKeyring(tokenKeyringSpec());
  return keyring;
}

export type SealedRole = 'access_token' | 'refresh_token' | 'code_verifier';

export function sealFor(ownerId: string, role: SealedRole, value: string): string {
  return sealSecret(value, `${role}:${ownerId}`, currentKeyring());
}

export function openFor(ownerId: string, role: SealedRole, sealed: string): string {
  return openSecret(sealed, `${role}:${ownerId}`, currentKeyring());
}

/** True when `sealed` was sealed under an older key version than the current one (rotate on read). */
export function isSealedWithOldKey(sealed: string): boolean {
  return needsReseal(sealed, currentKeyring());
}
