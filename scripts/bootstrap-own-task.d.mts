/** Types for bootstrap-own-task.mjs (plain JavaScript: the build adapter loads it without a compiler). */
export declare const YIELD_BEFORE_BOOTSTRAP: string;
export declare function withBootstrapInOwnTask(source: string): string | null;
