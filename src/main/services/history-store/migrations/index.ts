import { migration001 } from './001-calls';
import { migration002 } from './002-sync-progress';
import { migration003 } from './003-search';
import { migration004 } from './004-party-summary';
import type { Migration } from './migration';

export type { Db, Migration } from './migration';

/** Every schema step in order; the database's user_version is the last one applied. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004];

export const SCHEMA_VERSION = MIGRATIONS.length;
