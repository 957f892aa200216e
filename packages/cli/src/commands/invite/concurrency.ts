// The default of --concurrency, apart from the declaration (command.ts) so that the run can
// use it without loading commander a second time into dist/run.js.

/** Invitations in flight at once when --concurrency is not given. */
export const DEFAULT_CONCURRENCY = 4;
