/** /api/tenders end to end: import (all or nothing, idempotent, scoped), lists, reasoning in Chinese, buyers. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/platform.tables.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { jsonl, multipart, release } from './tenders.testkit.ts';

let env: TestEnv;
let world: World;
let admin: Client;
let supervisor: Client;
let leader: Client;
let officer: Client;

const HA = { id: 'HA' };
const file = jsonl([
  release({ ocid: 'p1', buyer: HA, start: '2024-03-01T00:00:00Z', end: '2024-03-11T00:00:00Z', bids: [{ t: 'S1', amount: 95000 }], award: { s: 'S1', amount: 95000 } }),
  release({ ocid: 'p2', buyer: { name: 'HB医院' }, bids: [{ t: 'T1', amount: 200 }, { t: 'T2', amount: 200 }], award: { s: 'T1', amount: 200 } }),
  ...['p3', 'p4', 'p5'].map((ocid) => release({ ocid, buyer: HA, bids: [{ t: 'S9', amount: 100000 }, { t: 'S8', amount: 120000 }], award: { s: 'S9', amount: 100000 } })),
  release({ ocid: 'p6', buyer: { id: 'Z9', name: '外地医院' }, bids: [{ t: 'S1', amount: 10 }, { t: 'S2', amount: 12 }], award: { s: 'S1', amount: 10 } }),
]);

const importAs = (c: Client, name: string, body: string) => c.request({ method: 'POST', url: '/api/tenders/import', ...multipart(name, body) });
const idOf = async (c: Client, ocid: string) => (await c.get(`/api/tenders?q=${ocid}`)).json().items.find((i: { ocid: string }) => i.ocid === ocid).id as string;

beforeAll(async () => {
  env = await createTestEnv();
  world = await buildWorld(env.platform);
  admin = await signIn(env.app, 'a_region_admin', PASSWORD);
  supervisor = await signIn(env.app, 'a_region_supervisor', PASSWORD);
  leader = await signIn(env.app, 'a_leader', PASSWORD);
  officer = await signIn(env.app, 'a_discipline_officer', PASSWORD);
});
afterAll(() => env.close());

describe('tender import', () => {
  it('imports JSON Lines, places processes by buyer code or name, computes flags, and audits', async () => {
    const res = await importAs(admin, 'r1.jsonl', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ format: 'jsonl', processes: 6, created: 6, updated: 0, unchanged: 0, matched: 5, regionId: world.r1.id });
    expect(res.json().flags).toBeGreaterThan(0);
    const audits = await env.platform.db.select().from(auditLog).where(eq(auditLog.action, 'tender.import'));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ filename: 'r1.jsonl', created: 6 });
  });

  it('is idempotent: the same file again changes nothing', async () => {
    const res = await importAs(admin, 'r1.jsonl', file);
    expect(res.json()).toMatchObject({ processes: 6, created: 0, updated: 0, unchanged: 6 });
  });

  it('imports nothing when any line is bad, and lists every bad line', async () => {
    const bad = `${JSON.stringify(release({ ocid: 'p7' }))}\n{oops\n{"tender":{}}\n[1]\n`;
    const res = await importAs(admin, 'bad.jsonl', bad);
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('import_failed');
    expect(error.details.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4]);
    expect(error.details.errors[1].message).toMatch(/缺少 ocid/);
    const list = await supervisor.get('/api/tenders?q=p7');
    expect(list.json().total).toBe(0);
  });

  it('reads a pretty-printed record package', async () => {
    const pkg = JSON.stringify({ uri: 'x', records: [{ ocid: 'p8', compiledRelease: release({ ocid: 'p8', buyer: HA }) }] }, null, 2);
    const res = await importAs(admin, 'records.json', pkg);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ format: 'record_package', processes: 1, created: 1 });
  });

  it('keeps an institution to its own processes', async () => {
    const other = await importAs(officer, 'hb.jsonl', jsonl([release({ ocid: 'q1', buyer: { id: 'HB' } })]));
    expect(other.statusCode).toBe(422);
    expect(other.json().error.details.errors[0]).toMatchObject({ row: 1, message: expect.stringMatching(/其他机构/) });
    const own = await importAs(officer, 'own.jsonl', jsonl([release({ ocid: 'q2', buyer: { id: 'LOCAL-1', name: '本院' } })]));
    expect(own.json()).toMatchObject({ created: 1, matched: 1 });
    const bAdmin = await signIn(env.app, 'b_admin', PASSWORD);
    const takeover = await importAs(bAdmin, 'take.jsonl', jsonl([release({ ocid: 'p1', buyer: { id: 'NOPE' } })]));
    expect(takeover.statusCode).toBe(422);
    expect(takeover.json().error.details.errors[0].message).toMatch(/已属于其他机构/);
  });
});

describe('tender lists and details', () => {
  it('lists the region for region roles and the own institution for institution roles', async () => {
    const all = (await supervisor.get('/api/tenders?pageSize=100')).json();
    expect(all.items.map((i: { ocid: string }) => i.ocid).sort()).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p8', 'q2']);
    expect(all.items.find((i: { ocid: string }) => i.ocid === 'p6').institutionId).toBeNull();
    const own = (await leader.get('/api/tenders?pageSize=100')).json();
    expect(own.items.every((i: { institutionId: string }) => i.institutionId === world.A.inst.id)).toBe(true);
    expect(own.items.map((i: { ocid: string }) => i.ocid).sort()).toEqual(['p1', 'p3', 'p4', 'p5', 'p8', 'q2']);
  });

  it('filters by flag code and by flagged', async () => {
    const single = (await supervisor.get('/api/tenders?code=R018')).json();
    expect(single.items.map((i: { ocid: string }) => i.ocid)).toEqual(['p1']);
    expect(single.items[0].flags.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(['R003', 'R018', 'H01']));
    const clean = (await supervisor.get('/api/tenders?flagged=false&pageSize=100')).json();
    expect(clean.items.every((i: { flags: unknown[] }) => i.flags.length === 0)).toBe(true);
  });

  it('shows a process with bids, awards and each flag’s reasoning in Chinese', async () => {
    const detail = (await leader.get(`/api/tenders/${await idOf(leader, 'p1')}`)).json();
    expect(detail.bids).toEqual([expect.objectContaining({ status: 'valid', amount: '95000.00', currency: 'CNY', tenderers: [{ id: 'S1', name: 'S1公司' }] })]);
    expect(detail.awards[0]).toMatchObject({ status: 'active', amount: '95000.00', suppliers: [{ id: 'S1', name: 'S1公司' }] });
    const reason = (code: string) => detail.flags.find((f: { code: string }) => f.code === code)?.reason;
    expect(reason('R003')).toBe('投标期仅 10 天（2024-03-01 08:00 至 2024-03-11 08:00），短于 15 天的要求。');
    expect(reason('R018')).toBe('采用公开招标方式却只收到 1 份投标，缺乏竞争。');
    expect(reason('H01')).toMatch(/中标金额 95,000\.00 元，略低于 100,000\.00 元/);
    const p3 = (await leader.get(`/api/tenders/${await idOf(leader, 'p3')}`)).json();
    const h02 = p3.flags.find((f: { code: string }) => f.code === 'H02');
    expect(h02.reason).toBe('2024 年内采购人 HA 向供应商 S9公司 授予 3 个项目（达到 3 个即提示）。');
    const h03 = p3.flags.find((f: { code: string }) => f.code === 'H03');
    expect(h03.reason).toMatch(/获得采购人 HA 中标总额的 75\.9%（300,000\.00 \/ 395,000\.00 元/);
  });

  it('explains identical prices with the tenderers’ names', async () => {
    const p2 = (await supervisor.get(`/api/tenders/${await idOf(supervisor, 'p2')}`)).json();
    const r028 = p2.flags.find((f: { code: string }) => f.code === 'R028');
    expect(r028.reason).toBe('投标人 T1公司（T1）、T2公司（T2） 的报价完全相同，可能存在串通投标。');
  });

  it('answers 404 for another institution’s process', async () => {
    const p2 = await idOf(supervisor, 'p2');
    expect((await leader.get(`/api/tenders/${p2}`)).statusCode).toBe(404);
  });

  it('compares the region’s buyers', async () => {
    const res = await supervisor.get('/api/tenders/buyers');
    expect(res.statusCode, res.body).toBe(200);
    const ha = res.json().items.find((b: { institutionId: string | null; buyerId: string | null }) => b.institutionId === world.A.inst.id && b.buyerId === 'HA');
    expect(ha).toMatchObject({ processes: 5, awardedValue: '395000.00' });
    expect(ha.flaggedProcesses).toBeGreaterThanOrEqual(4);
    expect(ha.flagCounts.H02).toBe(3);
  });
});
