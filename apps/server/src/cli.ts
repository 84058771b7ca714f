/** The `qinglian` command: serve, migrate, seed, user, import, audit. */
import fs from 'node:fs';
import { ROLES, type TRole } from '@qinglian/contracts';
import { Command, Option } from 'commander';
import { eq } from 'drizzle-orm';
import { accounts, hashPassword, sessions } from './modules/auth/index.ts';
import { departments, institutions, regions } from './modules/org/org.tables.ts';
import { verifyAudit, writeAudit } from './platform/audit.ts';
import { loadConfig } from './platform/config.ts';
import { systemCtx } from './platform/context.ts';
import { inTx } from './platform/db.ts';
import { openPlatform } from './platform/open.ts';
import { seedScreeningDemo } from './modules/screening/index.ts';
import { seedDemo } from './seed/demo.ts';
import { serve } from './server.ts';
import { VERSION } from './version.ts';
import { cliImport, IMPORT_KINDS } from './cli.import.ts';
import { registerTenderCommands } from './modules/tenders/tenders.cli.ts';
import { registerScreeningCommands } from './modules/screening/screening.cli.ts';

const program = new Command('qinglian').description('清廉医院建设平台 Qinglian').version(VERSION);

/** Opens the configured database (migrating it), runs fn, closes. */
async function withPlatform<T>(fn: (p: Awaited<ReturnType<typeof openPlatform>>['platform']) => Promise<T>): Promise<T> {
  const opened = await openPlatform(loadConfig());
  try {
    return await fn(opened.platform);
  } finally {
    await opened.close();
  }
}

function fail(msg: string): never {
  console.error(`错误 / error: ${msg}`);
  process.exit(1);
}

program.command('serve').description('start the web server (PORT, QINGLIAN_DATA_DIR, DATABASE_URL)').action(() => serve(loadConfig()));

program
  .command('migrate')
  .description('apply database migrations')
  .action(() => withPlatform(async (p) => console.log(`migrated (${p.dbKind})`)));

program
  .command('seed')
  .description('seed the demo region 清源市')
  .option('--demo', 'seed the demo region (default)', true)
  .action(() =>
    withPlatform(async (p) => {
      const res = await seedDemo(p);
      console.log(res.seeded ? `seeded: ${res.institutions} institutions, ${res.people} people, ${res.accounts} accounts` : 'demo region already present: nothing changed');
      const alerts = await seedScreeningDemo(p);
      if (alerts) console.log(`screening demo data imported for QY001; ${alerts} alerts`);
    }),
  );

const user = program.command('user').description('manage accounts');
user
  .command('create')
  .requiredOption('--username <name>')
  .addOption(new Option('--role <role>').choices([...ROLES]).makeOptionMandatory())
  .option('--password <password>', 'initial password (else read from QINGLIAN_PASSWORD)')
  .option('--region <code>', 'region code (created with --region-name when missing)')
  .option('--region-name <name>')
  .option('--institution <code>')
  .option('--department <code>')
  .action((o: { username: string; role: TRole; password?: string; region?: string; regionName?: string; institution?: string; department?: string }) =>
    withPlatform(async (p) => {
      const password = o.password ?? process.env.QINGLIAN_PASSWORD;
      if (!password || password.length < 10) fail('password must have at least 10 characters (--password or QINGLIAN_PASSWORD)');
      let inst: typeof institutions.$inferSelect | undefined;
      if (o.institution) {
        [inst] = await p.db.select().from(institutions).where(eq(institutions.code, o.institution));
        if (!inst) fail(`no institution with code ${o.institution}`);
      }
      let regionId = inst?.regionId;
      if (!regionId) {
        if (!o.region) fail('--region or --institution is required');
        const [reg] = await p.db.select().from(regions).where(eq(regions.code, o.region));
        regionId = reg?.id ?? (await p.db.insert(regions).values({ code: o.region, name: o.regionName ?? o.region }).returning())[0]!.id;
      }
      let departmentId: string | null = null;
      if (o.department) {
        if (!inst) fail('--department needs --institution');
        const [d] = await p.db.select().from(departments).where(eq(departments.code, o.department));
        if (!d || d.institutionId !== inst.id) fail(`no department ${o.department} in ${o.institution}`);
        departmentId = d.id;
      }
      const passwordHash = await hashPassword(password);
      await inTx(p.db, async (tx) => {
        const [a] = await tx
          .insert(accounts)
          .values({ username: o.username.toLowerCase(), passwordHash, role: o.role, regionId: regionId!, institutionId: inst?.id ?? null, departmentId })
          .onConflictDoNothing()
          .returning();
        if (!a) fail(`username ${o.username} is taken`);
        await writeAudit(systemCtx({ ...p, db: tx }, null, 'cli'), { action: 'account.create', targetType: 'account', targetId: a.id, institutionId: a.institutionId, regionId: a.regionId, after: { username: a.username, role: a.role } });
      });
      console.log(`created ${o.username} (${o.role})`);
    }),
  );
user
  .command('reset-password')
  .requiredOption('--username <name>')
  .option('--password <password>', 'new password (else QINGLIAN_PASSWORD)')
  .action((o: { username: string; password?: string }) =>
    withPlatform(async (p) => {
      const password = o.password ?? process.env.QINGLIAN_PASSWORD;
      if (!password || password.length < 10) fail('password must have at least 10 characters');
      const passwordHash = await hashPassword(password);
      await inTx(p.db, async (tx) => {
        const [a] = await tx
          .update(accounts)
          .set({ passwordHash, lockedUntil: null, failedLogins: 0, mustChangePassword: true })
          .where(eq(accounts.username, o.username.toLowerCase()))
          .returning();
        if (!a) fail(`no account ${o.username}`);
        await tx.delete(sessions).where(eq(sessions.accountId, a.id));
        await writeAudit(systemCtx({ ...p, db: tx }, null, 'cli'), { action: 'account.reset_password', targetType: 'account', targetId: a.id, institutionId: a.institutionId, regionId: a.regionId });
      });
      console.log(`password reset for ${o.username}; all sessions ended`);
    }),
  );

program
  .command('import')
  .description(`import a file of the screening data contract: ${IMPORT_KINDS.join(', ')} (.csv or .xlsx); a bad file imports nothing`)
  .argument('<kind>')
  .argument('<file>')
  .option('--partial', 'import the good rows of a file with problems (the problems are still listed)')
  .action((kind: string, file: string, o: { partial?: boolean }) =>
    withPlatform(async (p) => {
      if (!fs.existsSync(file)) fail(`no such file: ${file}`);
      process.exitCode = await cliImport(p, kind, file, o);
    }),
  );

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('verify the hash chain; exits 1 when an entry was edited, inserted or deleted')
  .action(() =>
    withPlatform(async (p) => {
      const res = await verifyAudit(p.db);
      if (res.ok) console.log(`audit chain intact: ${res.checked} entries verified`);
      else {
        console.error(`audit chain BROKEN: ${res.problems.length} problem(s) in ${res.checked} entries`);
        for (const pr of res.problems) console.error(`  #${pr.seq}: ${pr.problem}`);
        process.exitCode = 1;
      }
    }),
  );

registerTenderCommands(program, withPlatform);
registerScreeningCommands(program, withPlatform);

await program.parseAsync(process.argv);
