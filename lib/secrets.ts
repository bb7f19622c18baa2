import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from './env';

/**
 * A secret from the environment, or — for the embedded default only — one generated once
 * into data/ (mode 0600) so sessions and sealed tokens survive restarts without any
 * configuration. Production sets the variable and never writes here.
 */
export function secretFromEnvOrDataDir(value: string | undefined, fileName: string): string {
  if (value) return value;
  const dir = path.resolve(env().DATA_DIR);
  const file = path.join(dir, fileName);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dir, { recursive: true });
  const generated = randomBytes(32).toString('base64url');
  try {
    // 'wx' so two processes starting together cannot each write a different secret.
    writeFileSync(file, generated, { mode: 0o600, flag: 'wx' });
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}

export function authSecret(): string {
  return secretFromEnvOrDataDir(env().AUTH_SECRET, 'auth-secret');
}

/**
 * The keyring that seals OAuth tokens at rest. Production sets TOKEN_ENCRYPTION_KEYS
 * (`2:key,1:key` — rotate by adding a higher version and keeping the old one readable);
 * the embedded default generates version 1 into data/token-key.
 */
export function tokenKeyringSpec(): string {
  const configured = env().TOKEN_ENCRYPTION_KEYS;
  if (configured) return configured;
  return `1:${secretFromEnvOrDataDir(undefined, 'token-key')}`;
}
