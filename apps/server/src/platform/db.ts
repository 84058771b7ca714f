/**
 * The application database: embedded PGlite under the data directory by default, a PostgreSQL
 * server when DATABASE_URL is set. Both speak the same dialect, so one schema and one migration set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** A database or a transaction: services accept either. */
export type Db = PgDatabase<PgQueryResultHKT>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../drizzle');

/** Opens PGlite at `dataDir/db` (or in memory when dataDir is null) or the server at `url`. */
export async function openDatabase(opts: { url?: string | null; dataDir?: string | null; template?: Blob | null }): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    // An idle connection the server ends (restart, failover, a dropped test database) must not crash
    // the process: the pool replaces it on the next query.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') console.error(`database connection lost: ${err.message}`);
    });
    const db = drizzleNodePg(pool) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: () => migrateNodePg(drizzleNodePg(pool), { migrationsFolder: MIGRATIONS_DIR }),
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  if (opts.dataDir) {
    const dir = path.join(opts.dataDir, 'db');
    fs.mkdirSync(opts.dataDir, { recursive: true });
    client = await PGlite.create(dir);
  } else {
    // Tests start from a dump of an already migrated database when one is given.
    client = await PGlite.create(opts.template ? { loadDataDir: opts.template } : {});
  }
  const raw = drizzlePglite(client);
  return {
    db: raw as unknown as Db,
    kind: 'pglite',
    migrate: () => migratePglite(raw, { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
  };
}

/** Runs fn in a transaction; nested calls reuse the outer one (drizzle makes savepoints). */
export function inTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

/** Reads rows of a raw SQL query in both drivers. */
export async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
