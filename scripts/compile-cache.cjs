// A code cache for CommonJS modules: what Node 22 does with `module.enableCompileCache()`,
// which Node 20 lacks. scripts/compile-cache-preload.cjs installs it for `next start`
// (README "Performance", cold start).
//
// Why: at `next start` the first request loads Next's server and the app's server chunks, and
// on this machine kind about a third of the first page's time is V8 compiling JavaScript
// (parsing each file, then each function the first time it runs). V8 can serialise what it
// compiled and reuse it: a start with an empty cache compiles as before and, once the modules
// it loaded have run, saves the code of every function compiled by then; later starts
// deserialise instead of compiling.
//
// Safe when stale: an entry is keyed by a hash of the file's name and content, so a new build
// or a Next upgrade never runs old code (it misses and compiles), and V8 refuses data made by
// another V8 version or other flags (`cachedDataRejected`), which then compiles as usual too.
// A cache that cannot be read or written costs the speed-up, never a start.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/**
 * Node 20 loses a script's dynamic-import callback when V8 restores it from data made by
 * another process (`import()` then throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so a file
 * that may call `import()` — any mention, even in a string — compiles as Node does.
 */
const MAY_IMPORT = /\bimport\s*\(/;

/**
 * Caches the modules under `trees` in `cacheDir`/`generation`, removing other generations'
 * entries when it saves (a generation is a build: its entries are useless to the next one).
 * Saves `saveAfterMs` after the last module compiled without the cache, so the functions the
 * first requests ran are in it, or at exit if that comes first. Returns counters, for tests.
 */
function installCompileCache({ trees, cacheDir, generation, saveAfterMs, saveSliceMs = 10 }) {
  const treePrefixes = trees.map((tree) => path.resolve(tree) + path.sep);
  const generationDir = path.join(cacheDir, generation.replace(/[^\w-]/g, '_'));
  const stats = { fromCache: 0, compiled: 0, notCached: 0, saved: 0 };
  /** Scripts compiled without usable cached data, to serialise once they have run. */
  const unsaved = new Map();
  let saveTimer;
  /** Made, and other generations removed, once per process: not again for every slice. */
  let generationDirReady = false;

  /**
   * Serialises and writes the unsaved scripts. On the main thread: from the timer it works in
   * slices of `saveSliceMs` (10 ms) and yields between them, so requests are not held up (all
   * at once it was a 210 ms pause on this machine kind); at exit it does the rest in one go.
   */
  function save({ sliceMs = Infinity } = {}) {
    if (unsaved.size === 0) return;
    const sliceEnds = performance.now() + sliceMs;
    try {
      if (!generationDirReady) {
        mkdirSync(generationDir, { recursive: true });
        for (const entry of readdirSync(cacheDir)) {
          if (path.join(cacheDir, entry) !== generationDir) rmSync(path.join(cacheDir, entry), { recursive: true, force: true });
        }
        generationDirReady = true;
      }
      for (const [file, script] of unsaved) {
        // Written aside, then renamed: a server starting meanwhile never reads half a file.
        const partial = `${file}.${process.pid}.tmp`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, file);
        unsaved.delete(file);
        stats.saved++;
        // At least one per slice, so a slice of 0 ms still makes progress.
        if (unsaved.size > 0 && performance.now() >= sliceEnds) {
          setImmediate(() => save({ sliceMs })).unref();
          return;
        }
      }
    } catch (error) {
      console.warn(`[compile-cache] not saved (later starts compile as usual): ${error instanceof Error ? error.message : String(error)}`);
      unsaved.clear();
    }
  }

  // A server stopped before the timer fires (a restart, a deploy) saves what it has compiled.
  process.once('exit', () => save());

  const nodeCompile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename, format) {
    // An ES module (`require(esm)`: format 'module', or found by Node's syntax detection
    // below) is Node's to load; so is everything outside the trees.
    if (format === 'module' || !treePrefixes.some((prefix) => filename.startsWith(prefix)) || MAY_IMPORT.test(content)) {
      stats.notCached++;
      return nodeCompile.call(this, content, filename, format);
    }
    const file = path.join(generationDir, `${createHash('sha256').update(filename).update('\0').update(content).digest('hex').slice(0, 40)}.bin`);
    const cachedData = readIfPresent(file);
    // A `#!` line is legal only at the very start of a file, so inside the wrapper it becomes a comment.
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
    let script;
    try {
      script = new vm.Script(Module.wrap(source), { filename, cachedData });
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      // ES module syntax in a file of no declared type, or a real syntax error: Node decides
      // which, and loads it or throws its own error.
      stats.notCached++;
      return nodeCompile.call(this, content, filename, format);
    }
    if (cachedData !== undefined && !script.cachedDataRejected) {
      stats.fromCache++;
    } else {
      stats.compiled++;
      unsaved.set(file, script);
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => save({ sliceMs: saveSliceMs }), saveAfterMs).unref();
    }
    const moduleWrapper = script.runInThisContext({ displayErrors: true });
    return moduleWrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  return stats;
}

function readIfPresent(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The `require` a module gets, as Node's own makeRequireFunction builds it. */
function requireFor(mod) {
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

module.exports = { installCompileCache };
