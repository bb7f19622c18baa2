/**
 * Marks each client JavaScript chunk of a build with V8's explicit compile hint (Chrome 136+), a
 * comment on the file's first line that says every function in it is called as the page loads.
 * The build adapter (build-adapter.mjs) applies it at the end of every `next build`.
 *
 * Why: on every page one main-thread task does Next's bootstrap (the framework's and the page's
 * modules evaluated, the server payload decoded, hydration begun), and most of it was V8
 * compiling functions lazily, one at a time, as that task first called them: about two thirds of
 * the task's CPU (issue 14, requirement 2). With the hint, Chromium compiles them eagerly while
 * the script streams in, off the main thread, so the bootstrap task only runs code. Browsers
 * without the feature read a comment. The cost is compiling functions a page never calls, off
 * the main thread, and finishing each chunk's compile on it when the chunk first runs (4–7 ms
 * of CPU for the two largest; bootstrap-own-task.mjs keeps that out of the bootstrap's task);
 * every chunk here is code a page loads because it runs it.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** `source` with the hint on its first line, once (a second build over the same file adds none). */
export function withCompileHint(source) {
  return source.startsWith(COMPILE_HINT) ? source : COMPILE_HINT + source;
}
