/**
 * For the build steps' tests: a throwaway `.next`-like directory holding the given files, and
 * a way to read them back. Call `removeFakeBuilds()` after each test.
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
