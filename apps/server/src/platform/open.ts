/** Opens the platform (database, keyring, clock) from a configuration, migrating the database. */
import { sealAudit } from './audit.ts';
import type { Config } from './config.ts';
import type { Platform } from './context.ts';
import { loadKeyring } from './crypto.ts';
import { type Database, openDatabase } from './db.ts';

export interface OpenedPlatform {
  platform: Platform;
  database: Database;
  close(): Promise<void>;
}

/** Opens and migrates the configured database; the caller closes it. */
export async function openPlatform(config: Config, opts: { inMemory?: boolean; migrate?: boolean; template?: Blob | null } = {}): Promise<OpenedPlatform> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: opts.inMemory ? null : config.dataDir, template: opts.template });
  if (opts.migrate !== false) await database.migrate();
  const keyring = loadKeyring(config.secretKey, opts.inMemory ? null : config.dataDir);
  const platform: Platform = { config, db: database.db, dbKind: database.kind, keyring, now: () => new Date() };
  // A command-line run leaves no entry unsealed behind it (the server seals continuously as well).
  const close = async () => {
    await sealAudit(database.db).catch(() => {});
    await database.close();
  };
  return { platform, database, close };
}
