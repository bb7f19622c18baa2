import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

/**
 * scripts/compile-cache.cjs, in real Node processes: each run is a fresh `node` that loads a
 * small module tree through the cache, prints what the modules computed, and at exit the
 * cache's counters. The second run of the same tree must read every cached module back and
 * compute the same; a changed or damaged entry must compile again, never run stale code.
 */
const installer = fileURLToPath(new URL('./compile-cache.cjs', import.meta.url));

let dir;
let tree;
let cacheDir;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'compile-cache-'));
  tree = path.join(dir, 'tree');
  cacheDir = path.join(dir, 'cache');
  mkdirSync(path.join(tree, 'lib'), { recursive: true });
  writeFileSync(
    path.join(tree, 'main.js'),
    "#!/usr/bin/env node\nconst dep = require('./lib/dep');\nconsole.log(JSON.stringify({ answer: dep.answer(), isExports: this === exports, file: __filename, dirname: __dirname, resolved: require.resolve('./lib/dep'), later: require('./lib/later.js').later }));\n",
  );
  writeFileSync(path.join(tree, 'lib', 'dep.js'), 'exports.answer = () => 6 * 7;\n');
  // Mentions `import(`: never cached (Node 20 loses the import callback of restored scripts).
  writeFileSync(
    path.join(tree, 'lib', 'later.js'),
    "exports.later = 'imports';\nsetTimeout(() => import('node:os').then((os) => console.log(JSON.stringify({ dynamicImport: typeof os.cpus }))));\n",
  );
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** One process over `tree`; its stdout lines parsed as JSON, the cache's counters last. */
function run({ generation = 'build-1', trees = [tree], cache = cacheDir } = {}) {
  const preload = path.join(dir, 'preload.cjs');
  writeFileSync(
    preload,
    `const stats = require(${JSON.stringify(installer)}).installCompileCache({ trees: ${JSON.stringify(trees)}, cacheDir: ${JSON.stringify(cache)}, generation: ${JSON.stringify(generation)}, saveAfterMs: 60000 });\nprocess.on('exit', () => console.log(JSON.stringify({ stats })));\n`,
  );
  const result = spawnSync(process.execPath, ['--require', preload, path.join(tree, 'main.js')], { encoding: 'utf8', timeout: 20_000 });
  expect(result.status, result.stderr).toBe(0);
  const lines = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  return { output: lines[0], dynamicImport: lines.find((line) => 'dynamicImport' in line), stats: lines.at(-1).stats, stderr: result.stderr };
}

const entries = (generation = 'build-1') => readdirSync(path.join(cacheDir, generation)).filter((name) => name.endsWith('.bin'));

describe('compile cache', () => {
  test('the first run compiles and saves; the second reads every module back and computes the same', () => {
    const first = run();
    expect(first.output).toEqual({
      answer: 42,
      isExports: true,
      file: path.join(tree, 'main.js'),
      dirname: tree,
      resolved: path.join(tree, 'lib', 'dep.js'),
      later: 'imports',
    });
    expect(first.stats).toEqual({ fromCache: 0, compiled: 2, notCached: 1, saved: 2 });
    expect(entries()).toHaveLength(2);

    const second = run();
    expect(second.output).toEqual(first.output);
    expect(second.stats).toEqual({ fromCache: 2, compiled: 0, notCached: 1, saved: 0 });
  });

  test('while the process runs, the timer saves what it compiled, one module per slice here, before any exit', () => {
    writeFileSync(path.join(tree, 'main.js'), "console.log(JSON.stringify({ answer: require('./lib/dep').answer() }));\nsetTimeout(() => {}, 600);\n");
    const preload = path.join(dir, 'preload.cjs');
    writeFileSync(
      preload,
      `const stats = require(${JSON.stringify(installer)}).installCompileCache({ trees: [${JSON.stringify(tree)}], cacheDir: ${JSON.stringify(cacheDir)}, generation: 'build-1', saveAfterMs: 50, saveSliceMs: 0 });\nsetTimeout(() => console.log(JSON.stringify({ stats })), 400);\n`,
    );
    const result = spawnSync(process.execPath, ['--require', preload, path.join(tree, 'main.js')], { encoding: 'utf8', timeout: 20_000 });
    expect(result.status, result.stderr).toBe(0);
    const [output, atFourHundredMs] = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(output).toEqual({ answer: 42 });
    expect(atFourHundredMs.stats).toEqual({ fromCache: 0, compiled: 2, notCached: 0, saved: 2 });
    expect(entries()).toHaveLength(2);
  });

  test('a module that may call import() is never cached, and its import works in every run', () => {
    expect(run().dynamicImport).toEqual({ dynamicImport: 'function' });
    expect(run().dynamicImport).toEqual({ dynamicImport: 'function' });
  });

  test('a changed module compiles again and runs its new code, not the cached one', () => {
    run();
    writeFileSync(path.join(tree, 'lib', 'dep.js'), 'exports.answer = () => 6 * 9;\n');
    const changed = run();
    expect(changed.output.answer).toBe(54);
    expect(changed.stats).toMatchObject({ fromCache: 1, compiled: 1, saved: 1 });
  });

  test('a damaged entry is refused by V8: the module compiles, runs correctly and is saved again', () => {
    run();
    for (const entry of entries()) writeFileSync(path.join(cacheDir, 'build-1', entry), 'not V8 code cache data');
    const damaged = run();
    expect(damaged.output.answer).toBe(42);
    expect(damaged.stats).toMatchObject({ fromCache: 0, compiled: 2, saved: 2 });
    expect(run().stats).toMatchObject({ fromCache: 2, compiled: 0 });
  });

  test('a new generation (build) starts empty and removes the last one’s entries when it saves', () => {
    run({ generation: 'build-1' });
    const next = run({ generation: 'build-2' });
    expect(next.stats).toMatchObject({ fromCache: 0, compiled: 2, saved: 2 });
    expect(readdirSync(cacheDir)).toEqual(['build-2']);
  });

  test('ES modules loaded by require() are left to Node, by extension or by their syntax, in every run', () => {
    writeFileSync(path.join(tree, 'lib', 'typed.mjs'), 'export const typed = 1;\n');
    writeFileSync(path.join(tree, 'lib', 'detected.js'), 'export const detected = 2;\n');
    writeFileSync(path.join(tree, 'main.js'), "console.log(JSON.stringify({ sum: require('./lib/typed.mjs').typed + require('./lib/detected.js').detected }));\n");
    for (let i = 0; i < 2; i++) {
      const esm = run();
      expect(esm.output).toEqual({ sum: 3 });
      expect(esm.stats).toMatchObject({ fromCache: i, compiled: 1 - i, notCached: 2 });
    }
  });

  test('a syntax error is reported by Node as it would be without the cache', () => {
    writeFileSync(path.join(tree, 'lib', 'dep.js'), 'exports.answer = () => 6 * ;\n');
    const preload = path.join(dir, 'preload.cjs');
    writeFileSync(
      preload,
      `require(${JSON.stringify(installer)}).installCompileCache({ trees: [${JSON.stringify(tree)}], cacheDir: ${JSON.stringify(cacheDir)}, generation: 'g', saveAfterMs: 60000 });\n`,
    );
    const result = spawnSync(process.execPath, ['--require', preload, path.join(tree, 'main.js')], { encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(path.join(tree, 'lib', 'dep.js'));
    expect(result.stderr).toContain('SyntaxError: Unexpected token');
  });

  test('modules outside the cached trees compile as Node does', () => {
    const outside = run({ trees: [path.join(dir, 'elsewhere')] });
    expect(outside.output.answer).toBe(42);
    expect(outside.stats).toEqual({ fromCache: 0, compiled: 0, notCached: 3, saved: 0 });
    expect(existsSync(cacheDir)).toBe(false);
  });

  test('a cache that cannot be written costs the speed-up only: the run succeeds and says why', () => {
    writeFileSync(path.join(dir, 'a-file'), '');
    const unwritable = run({ cache: path.join(dir, 'a-file', 'cache') });
    expect(unwritable.output.answer).toBe(42);
    expect(unwritable.stats.saved).toBe(0);
    expect(unwritable.stderr).toContain('[compile-cache] not saved (later starts compile as usual)');
  });
});
