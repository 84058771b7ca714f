/** What every service call receives: the database (or transaction), the caller, and the platform. */
import type { Actor } from './access.ts';
import { AppError } from './errors.ts';
import type { Config } from './config.ts';
import type { Keyring } from './crypto.ts';
import type { Db, DbKind } from './db.ts';
import type { Locale } from './i18n.ts';

export interface Platform {
  config: Config;
  db: Db;
  dbKind: DbKind;
  keyring: Keyring;
  /** The clock, replaceable in tests that move time. */
  now(): Date;
}

export interface Ctx {
  db: Db;
  platform: Platform;
  actor: Actor | null;
  requestId: string;
  locale: Locale;
}

/** The authenticated actor, or a 401. */
export function actorOf(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return ctx.actor;
}

/** A context for the CLI, jobs and seeds: no HTTP request, optionally acting as someone. */
export function systemCtx(platform: Platform, actor: Actor | null = null, requestId = 'system'): Ctx {
  return { db: platform.db, platform, actor, requestId, locale: 'zh-CN' };
}
