/**
 * For the build steps' tests: a throwaway `.next`-like directory holding the given files, and
 * a way to read them back (call `removeFakeBuilds()` after each test); and the runtime's code
 * that bootstrap-own-task.mjs changes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made = [];

/** `files`: path under the build directory → text. */
export function fakeBuild(files) {
  const distDir = mkdtempSync(path.join(tmpdir(), 'fake-build-'));
  made.push(distDir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(distDir, file)), { recursive: true });
    writeFileSync(path.join(distDir, file), text);
  }
  return { distDir, read: (file) => readFileSync(path.join(distDir, file), 'utf8') };
}

export function removeFakeBuilds() {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Turbopack's browser runtime in its own words, as `next build` (Next 16.4, Turbopack) minified them, around the change. */
export const TURBOPACK_RUNTIME_EXCERPT =
  'e={async registerChunk(e,t){let r;if(null!=t){for(let e of t.otherChunks)J(B("string"==typeof e?e:e.path));' +
  'if(await Promise.all(t.otherChunks.map(e=>{var t;return t=r,T(o.Runtime,t,e)})),t.runtimeModuleIds.length>0)' +
  'for(let e of t.runtimeModuleIds)W(t,o.Runtime,e)}}}';
