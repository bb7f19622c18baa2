import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { openPglite, queryRows } from '@/db/open';

/**
 * SIGTERM (instrumentation-node.ts registerShutdown) stops the job queue BEFORE it closes the
 * database: a running job sees its signal abort and still commits its last write — which a
 * database closed first would lose (or fail on) — and the process then exits cleanly.
 */
test('SIGTERM lets the running job commit its batch, then closes the database', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ps-jobs-shutdown-'));
  const script = `
    const { sql } = await import('drizzle-orm');
    const { getOpenDatabase } = await import('./db/index.ts');
    const { registerShutdown } = await import('./instrumentation-node.ts');
    const { setJobQueueForTests } = await import('./lib/jobs/process-queue.ts');
    const { createInProcessQueue } = await import('./lib/jobs/in-process-queue.ts');
    registerShutdown();
    const open = await getOpenDatabase();
    const queue = createInProcessQueue();
    setJobQueueForTests(queue);
    await queue.register('batch', async (_data, { signal }) => {
      console.log('ready');
      if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      await new Promise((resolve) => setTimeout(resolve, 300)); // finishing the batch
      await open.db.execute(sql\`create table batch_committed (at timestamptz default now())\`);
      await open.db.execute(sql\`insert into batch_committed default values\`);
    });
    await queue.enqueue('batch', {});
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    cwd: process.cwd(),
  });
  let output = '';
  child.stderr.on('data', (d) => (output += String(d)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`exited early (${code}): ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited, output).toBe(0);
  expect(output).not.toContain('failed');

  const reopened = await openPglite(path.join(dataDir, 'pglite'));
  try {
    expect(await queryRows<{ n: number }>(reopened.db, sql`select count(*)::int as n from batch_committed`)).toEqual([{ n: 1 }]);
  } finally {
    await reopened.close();
  }
}, 60_000);
