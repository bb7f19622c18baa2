import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

// Tokens, client secrets and the sealing keys pass through these modules: a client
// component that imported one would fail the build instead of shipping them.
test('every module of lib/integrations is server-only', () => {
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const modules = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  expect(modules.length).toBeGreaterThan(5);
  const missing = modules.filter((f) => !/^import 'server-only';$/m.test(readFileSync(path.join(dir, f), 'utf8')));
  expect(missing).toEqual([]);
});
