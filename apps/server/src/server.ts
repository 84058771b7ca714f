/** Starts the platform: migrate, seed the demo region on a fresh embedded database, schedule jobs, listen. */
import { count } from 'drizzle-orm';
import { buildApp } from './app.ts';
import { accounts, purgeExpiredSessions } from './modules/auth/index.ts';
import type { Config } from './platform/config.ts';
import { startAuditSealer } from './platform/audit.ts';
import { registerJobHandler, startScheduler } from './platform/jobs.ts';
import { openPlatform } from './platform/open.ts';
import { failInterruptedImports, seedScreeningDemo } from './modules/screening/index.ts';
import { systemCtx } from './platform/context.ts';
import { seedDemo } from './seed/demo.ts';

registerJobHandler('sessions.purge', async (ctx) => void (await purgeExpiredSessions(ctx.platform)), { everyMs: 6 * 3600_000 });

/** Runs the server until SIGINT/SIGTERM. */
export async function serve(config: Config): Promise<void> {
  const opened = await openPlatform(config);
  const { platform } = opened;
  const { app } = await buildApp(platform, { logger: true });
  if (platform.dbKind === 'pglite' && config.seedDemo) {
    const res = await seedDemo(platform);
    if (res.seeded) app.log.info(res, 'seeded the demo region 清源市 (password qinglian-demo)');
    const alerts = await seedScreeningDemo(platform);
    if (alerts) app.log.info({ alerts }, 'seeded the demo screening data of 清源市人民医院 and ran the rules');
  }
  await failInterruptedImports(systemCtx(platform, null, 'start'));
  const [acc] = await platform.db.select({ n: count() }).from(accounts);
  if (!acc?.n) app.log.warn('no accounts yet: create the first administrator with `npx qinglian user create --username admin --role region_admin --region CODE`');
  const stopScheduler = startScheduler(platform, (err) => app.log.error({ err }, 'scheduler'));
  const stopSealer = startAuditSealer(platform, (err) => app.log.error({ err }, 'audit sealer'));
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await stopScheduler();
    await stopSealer();
    await opened.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Qinglian console: http://localhost:${config.port}  (db: ${platform.dbKind}${platform.dbKind === 'pglite' ? `, ${config.dataDir}` : ''})`);
}
