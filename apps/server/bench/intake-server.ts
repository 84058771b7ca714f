/**
 * The server side of the intake benchmark: opens the configured database, makes one institution per
 * requested code with a department code, builds the real app and listens. Prints the code tokens.
 */
import { eq } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { integrityCodes } from '../src/modules/reports/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { startAuditSealer } from '../src/platform/audit.ts';
import { startScheduler } from '../src/platform/jobs.ts';
import { openPlatform } from '../src/platform/open.ts';
import { createAccount, createDepartment, createInstitution, createRegion } from '../src/seed/factories.ts';

const institutions = Number(process.env.BENCH_INSTITUTIONS ?? 4);
const opened = await openPlatform(loadConfig());
const { platform } = opened;
const region = await createRegion(platform.db, { code: `B${Date.now()}`, name: '压测市' });
const tokens: string[] = [];
for (let i = 0; i < institutions; i++) {
  const inst = await createInstitution(platform.db, region.id, { name: `压测医院${i + 1}` });
  const dept = await createDepartment(platform.db, inst.id, { name: '心血管内科' });
  await createAccount(platform.db, { username: `bench_officer_${inst.code}`, role: 'discipline_officer', regionId: region.id, institutionId: inst.id, password: 'bench-password-1' });
  const token = `bench${inst.code.toLowerCase()}`;
  await platform.db.insert(integrityCodes).values({ token, institutionId: inst.id, departmentId: dept.id, kind: 'department' });
  const [c] = await platform.db.select().from(integrityCodes).where(eq(integrityCodes.token, token));
  tokens.push(c!.token);
}
const { app } = await buildApp(platform);
// As `serve()` does: the audit sealer and the scheduler (whose periodic job also drains the report inbox).
startAuditSealer(platform);
startScheduler(platform);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write(`READY ${JSON.stringify(tokens)}\n`);
