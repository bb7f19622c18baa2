import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { createFreshPostgresDatabase } from '@/test/databases';

/**
 * The PostgreSQL member-change listener's connection is unref'd (it alone must not keep a
 * process alive). Closing it must still hold the process until the connection has ended: a
 * script whose last open handle it is (a benchmark printing its summary after closing the
 * database) otherwise exits mid-close, silently, with the code after `close()` never run.
 * Run in a child process, as nothing else may hold its event loop.
 */
const url = process.env.TEST_DATABASE_URL;
const run = promisify(execFile);

describe.skipIf(!url)('the member-change listener on PostgreSQL', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'member-changes-close-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a script goes on after closing it, though nothing else holds the process', async () => {
    const database = await createFreshPostgresDatabase(url!);
    try {
      const probe = path.join(dir, 'probe.mts');
      writeFileSync(
        probe,
        `import { listenPostgres, MemberChanges } from ${JSON.stringify(path.resolve('db/member-changes.ts'))};
         const listener = await listenPostgres(process.env.PROBE_DATABASE_URL, new MemberChanges());
         await listener.close();
         console.log('went on after close');`,
      );
      const { stdout } = await run(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), probe], {
        env: { ...process.env, PROBE_DATABASE_URL: database.url },
        timeout: 60_000,
      });
      expect(stdout).toContain('went on after close');
    } finally {
      await database.drop();
    }
  }, 90_000);
});
