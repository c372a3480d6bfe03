import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request tally of SQL statements, so tests and the benchmark can prove there is no N+1. */
export interface SqlTally {
  statements: number;
}

const storage = new AsyncLocalStorage<SqlTally>();
let processTotal = 0;

/** Runs `fn` with a fresh tally; every statement the ORM sends inside it is counted there. */
export function withSqlTally<T>(tally: SqlTally, fn: () => T): T {
  return storage.run(tally, fn);
}

/** Called by the ORM's `onQuery` hook for each statement. */
export function countStatement(): void {
  processTotal += 1;
  const tally = storage.getStore();
  if (tally) tally.statements += 1;
}

/** Statements sent by this process so far, whatever the request (tests read it before and after). */
export function totalSqlStatements(): number {
  return processTotal;
}
