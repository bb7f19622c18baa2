import { describe, expect, it } from 'vitest';
import { REAL_GUSTO_ENV, REAL_XPM_ENV } from '@/test/real-apps-env';
import { generateKey } from './crypto/keyring';
import { isProductionDeployment, parseEnv } from './env';

const SECRETS = { AUTH_SECRET: 'a'.repeat(40), TOKEN_ENCRYPTION_KEYS: `1:${generateKey()}` };
const XPM = REAL_XPM_ENV;
const GUSTO = REAL_GUSTO_ENV;
const PG = 'postgres://app@db.internal:5432/practice_sync';

/** The variables an invalid environment's error names, in order. */
function namedVariables(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    return [...(error as Error).message.matchAll(/^ {2}([A-Z_]+):/gm)].map((m) => m[1]!);
  }
}

describe('isProductionDeployment', () => {
  it.each([
    [{ NODE_ENV: 'development' }, false],
    [{ NODE_ENV: 'production' }, false], // npm run demo: next start on http://localhost
    [{ NODE_ENV: 'production', APP_URL: 'http://localhost:3000' }, false],
    [{ NODE_ENV: 'production', APP_URL: 'https://app.example.com' }, true],
    [{ NODE_ENV: 'development', APP_URL: 'https://app.example.com' }, false],
    [{ NODE_ENV: 'development', DATABASE_URL: PG }, true],
    [{ NODE_ENV: 'production', DATABASE_URL: PG }, true],
  ] as const)('%o → %s', (e, expected) => {
    expect(isProductionDeployment(e)).toBe(expected);
  });
});

describe('parseEnv', () => {
  it('needs nothing for the embedded default (npm run demo)', () => {
    expect(parseEnv({ NODE_ENV: 'production', APP_URL: 'http://localhost:3000' }).DATA_DIR).toBe('data');
    expect(namedVariables({})).toEqual([]);
  });

  it.each([
    ['an HTTPS production server', { NODE_ENV: 'production', APP_URL: 'https://app.example.com' }],
    ['any server on PostgreSQL', { DATABASE_URL: PG }],
  ])('%s requires AUTH_SECRET and TOKEN_ENCRYPTION_KEYS, naming each', (_name, source) => {
    expect(namedVariables(source)).toEqual(['AUTH_SECRET', 'TOKEN_ENCRYPTION_KEYS']);
    expect(namedVariables({ ...source, AUTH_SECRET: SECRETS.AUTH_SECRET })).toEqual(['TOKEN_ENCRYPTION_KEYS']);
    expect(namedVariables({ ...source, ...SECRETS })).toEqual([]);
  });

  it('takes DATABASE_POOL_SIZE as a whole number of connections, 10 when unset', () => {
    expect(parseEnv({}).DATABASE_POOL_SIZE).toBe(10);
    expect(parseEnv({ DATABASE_POOL_SIZE: '3' }).DATABASE_POOL_SIZE).toBe(3);
    for (const bad of ['0', '2.5', 'many', '101']) expect(namedVariables({ DATABASE_POOL_SIZE: bad })).toEqual(['DATABASE_POOL_SIZE']);
  });

  it('says why a production secret is required', () => {
    expect(() => parseEnv({ DATABASE_URL: PG })).toThrow(/AUTH_SECRET is required with DATABASE_URL set: every instance must share it/);
  });

  it('refuses a malformed TOKEN_ENCRYPTION_KEYS without echoing the key', () => {
    const badKey = 'not-a-32-byte-key-but-secret';
    let message = '';
    try {
      parseEnv({ TOKEN_ENCRYPTION_KEYS: `1:${badKey}` });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^ {2}TOKEN_ENCRYPTION_KEYS: /m);
    expect(message).not.toContain(badKey);
    expect(namedVariables({ TOKEN_ENCRYPTION_KEYS: 'garbage' })).toEqual(['TOKEN_ENCRYPTION_KEYS']);
  });

  it('takes each app completely or not at all', () => {
    expect(namedVariables(XPM)).toEqual([]);
    expect(namedVariables(GUSTO)).toEqual([]);
    expect(namedVariables({ ...XPM, ...GUSTO })).toEqual([]);
  });

  it.each(Object.keys(XPM))('XPM without %s is refused, naming it', (name) => {
    const source: Record<string, string | undefined> = { ...XPM, [name]: undefined };
    expect(namedVariables(source)).toEqual([name]);
  });

  it.each(Object.keys(GUSTO))('Gusto without %s is refused, naming it', (name) => {
    const source: Record<string, string | undefined> = { ...GUSTO, [name]: undefined };
    expect(namedVariables(source)).toEqual([name]);
  });

  it('real credentials alone (which would go to the sandbox URLs) name every missing URL', () => {
    expect(namedVariables({ XPM_CLIENT_ID: 'real', XPM_CLIENT_SECRET: 'real' })).toEqual(['XPM_AUTHORIZE_URL', 'XPM_TOKEN_URL', 'XPM_REVOCATION_URL', 'XPM_API_BASE']);
    expect(namedVariables({ GUSTO_CLIENT_ID: 'real', GUSTO_CLIENT_SECRET: 'real' })).toEqual(['GUSTO_BASE_URL']);
    // A blank value counts as unset, as it does everywhere else.
    expect(namedVariables({ ...GUSTO, GUSTO_BASE_URL: '' })).toEqual(['GUSTO_BASE_URL']);
  });

  it('names a malformed variable', () => {
    expect(namedVariables({ ...SECRETS, DATABASE_URL: 'mysql://x' })).toEqual(['DATABASE_URL']);
    expect(namedVariables({ AUTH_SECRET: 'short' })).toEqual(['AUTH_SECRET']);
    expect(namedVariables({ APP_URL: 'not a url' })).toEqual(['APP_URL']);
  });
});
