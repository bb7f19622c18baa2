import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

/**
 * scripts/start.mjs refuses what cannot work before anything starts: several workers on the
 * embedded database (one process holds its data directory), or a worker count that is not one.
 * Several workers on PostgreSQL are started by the endpoint bench (npm run bench).
 */
function start(env) {
  const { DATABASE_URL: _url, WEB_CONCURRENCY: _workers, ...rest } = process.env;
  return spawnSync(process.execPath, ['scripts/start.mjs', '-p', '1'], { env: { ...rest, ...env }, encoding: 'utf8', timeout: 20_000 });
}

describe('npm start with WEB_CONCURRENCY', () => {
  test('several workers on PGlite: refused, saying why and what to do', () => {
    const result = start({ WEB_CONCURRENCY: '2', DATABASE_URL: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('WEB_CONCURRENCY=2 needs PostgreSQL (DATABASE_URL)');
    expect(result.stdout).not.toContain('workers on one port');
  });

  test.each(['0', 'two', '1.5', '65'])('WEB_CONCURRENCY=%s: refused', (value) => {
    const result = start({ WEB_CONCURRENCY: value, DATABASE_URL: 'postgres://127.0.0.1:9/none' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${value}"`);
  });
});
