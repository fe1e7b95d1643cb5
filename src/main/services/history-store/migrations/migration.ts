import type BetterSqlite3 from 'better-sqlite3';

export type Db = BetterSqlite3.Database;

/**
 * One step of the schema. `up` runs inside the transaction that also sets `user_version`, so a
 * step is applied whole or not at all (a crash mid-migration leaves the previous version).
 * Steps are never edited once shipped: a change is a new step.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}
