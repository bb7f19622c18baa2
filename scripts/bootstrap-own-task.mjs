/**
 * Gives Next's client bootstrap a main-thread task of its own (issue 14, requirement 2).
 *
 * Why: Turbopack's browser runtime evaluates the page's entry modules (the framework's and the
 * page's modules, the server payload decoded, hydration begun) in a promise continuation that
 * runs as soon as the last of the page's chunks has registered itself, that is, inside the task
 * that evaluated the last chunk. That chunk is usually one of the two largest (React DOM, the
 * router), and with the compile hints (compile-hints.mjs) evaluating it first finishes its
 * compilation on the main thread: a trace of each page's load showed that longest task as the
 * chunk's compile (4–7 ms of CPU) plus the whole bootstrap. Awaiting one task first splits the
 * two, so the longest task is the bootstrap alone (about 5 ms shorter on every page, measured
 * with the CPU of a 2-core machine; README "Performance"). The wait is a MessageChannel
 * message, not a timer: browsers throttle timers in background tabs, not messages.
 *
 * The runtime is minified code this project does not own, so the change is made where its shape
 * is certain — an `await Promise.all(<x>.otherChunks.map(…))` followed by
 * `<x>.runtimeModuleIds.length>0` in one comma expression — and a build whose runtime does not
 * have that shape fails, saying so (build-adapter.mjs), rather than quietly losing the split
 * after a Next upgrade.
 */
/** Awaits one task of its own (a message to itself) before the runtime evaluates the entry modules. */
export const YIELD_BEFORE_BOOTSTRAP = 'await new Promise(function(r){var c=new MessageChannel;c.port1.onmessage=function(){r()};c.port2.postMessage(null)})';

/**
 * The runtime's wait for the page's other chunks, then its test for entry modules to run: the
 * same variable in both, the wait's callback short (no `runtimeModuleIds` inside it).
 */
const WAIT_THEN_RUN_ENTRY = /(await Promise\.all\(([A-Za-z_$][\w$]*)\.otherChunks\.map\((?:(?!runtimeModuleIds)[\s\S]){0,400}?\)\)),(\2\.runtimeModuleIds\.length>0\))/g;

/**
 * `source` with the bootstrap moved to a task of its own; `source` itself if it has been
 * changed already; null if it is not Turbopack's browser runtime (or not in the shape above).
 */
export function withBootstrapInOwnTask(source) {
  if (source.includes(YIELD_BEFORE_BOOTSTRAP)) return source;
  const matches = source.match(WAIT_THEN_RUN_ENTRY) ?? [];
  if (matches.length !== 1) return null;
  return source.replace(WAIT_THEN_RUN_ENTRY, (_, wait, _chunk, runEntry) => `${wait},${YIELD_BEFORE_BOOTSTRAP},${runEntry}`);
}
