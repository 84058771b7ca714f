/** What the console's tender pages need: date, family and sort of the list, the export, contracts, the buyers' top supplier, upload limits. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/platform.tables.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { tenderProcesses } from './tenders.tables.ts';
import { jsonl, multipart, release } from './tenders.testkit.ts';

let env: TestEnv;
let world: World;
let admin: Client;
let supervisor: Client;
let leader: Client;

const HA = { id: 'HA' };
const HB = { id: 'HB' };
/** A contract on p1; release() makes none. */
const withContract = { ...release({ ocid: 'p1', buyer: HA, start: '2024-01-05T02:00:00Z', end: '2024-01-10T02:00:00Z', bids: [{ t: 'S1', amount: 95000 }], award: { s: 'S1', amount: 95000 } }) };
Object.assign(withContract, {
  contracts: [{ id: 'c1', awardID: 'a1', title: '彩超采购合同', status: 'active', dateSigned: '2024-02-01T02:00:00Z', period: { startDate: '2024-02-01T00:00:00Z', endDate: '2025-01-31T00:00:00Z' }, value: { amount: 95000, currency: 'CNY' } }],
});
const file = jsonl([
  withContract,
  // HA's favourite supplier S9: three of its four awards (300,000 of 420,000 yuan).
  ...['p2', 'p3', 'p4'].map((ocid) => release({ ocid, buyer: HA, start: '2024-06-01T00:00:00Z', end: '2024-07-01T00:00:00Z', bids: [{ t: 'S9', amount: 100000 }, { t: 'S8', amount: 120000 }], award: { s: 'S9', amount: 100000 } })),
  release({ ocid: 'p5', buyer: HA, start: '2025-03-01T00:00:00Z', end: '2025-04-01T00:00:00Z', bids: [{ t: 'S7', amount: 25000 }, { t: 'S6', amount: 26000 }], award: { s: 'S7', amount: 25000 } }),
  release({ ocid: 'p6', buyer: HB, start: '2025-05-01T00:00:00Z', end: '2025-06-01T00:00:00Z', bids: [{ t: 'S2', amount: 5000 }, { t: 'S3', amount: 7000 }], award: { s: 'S2', amount: 5000 } }),
]);

const ocids = (res: { json(): { items: { ocid: string }[] } }) => res.json().items.map((i) => i.ocid);

beforeAll(async () => {
  env = await createTestEnv();
  world = await buildWorld(env.platform);
  admin = await signIn(env.app, 'a_region_admin', PASSWORD);
  supervisor = await signIn(env.app, 'a_region_supervisor', PASSWORD);
  leader = await signIn(env.app, 'a_leader', PASSWORD);
  const res = await admin.request({ method: 'POST', url: '/api/tenders/import', ...multipart('console.jsonl', file) });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => env.close());

describe('the process list for the console', () => {
  it('filters by the tender period in Shanghai days (inclusive)', async () => {
    // p1 starts 2024-01-05 10:00 in Shanghai; the p2–p4 period starts 2024-06-01 08:00.
    expect(ocids(await supervisor.get('/api/tenders?from=2024-01-05&to=2024-01-05'))).toEqual(['p1']);
    expect(ocids(await supervisor.get('/api/tenders?from=2024-01-06&to=2024-12-31'))).toEqual(['p2', 'p3', 'p4']);
    expect(ocids(await supervisor.get('/api/tenders?from=2025-01-01'))).toEqual(['p5', 'p6']);
    expect((await supervisor.get('/api/tenders?from=2025-13-01')).statusCode).toBe(400);
  });

  it('filters by flag family: hospital flags (H…) or cardinal indicators (R…)', async () => {
    const hospital = (await supervisor.get('/api/tenders?kind=hospital&pageSize=100')).json();
    expect(hospital.items.length).toBeGreaterThan(0);
    for (const i of hospital.items) expect(i.flags.some((f: { code: string }) => f.code.startsWith('H'))).toBe(true);
    expect(ocids(await supervisor.get('/api/tenders?kind=hospital&code=R018'))).toEqual([]);
    const indicators = (await supervisor.get('/api/tenders?kind=indicator&pageSize=100')).json();
    expect(indicators.items.map((i: { ocid: string }) => i.ocid)).toContain('p1');
    for (const i of indicators.items) expect(i.flags.some((f: { code: string }) => f.code.startsWith('R'))).toBe(true);
  });

  it('sorts by amount, by institution and by number of flags', async () => {
    expect(ocids(await supervisor.get('/api/tenders?sort=awardedValue&order=desc')).slice(0, 4)).toEqual(['p2', 'p3', 'p4', 'p1']);
    const byFlags = (await supervisor.get('/api/tenders?sort=flags&order=desc&pageSize=100')).json().items as { flags: unknown[] }[];
    const counts = byFlags.map((i) => i.flags.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(counts.at(-1)!);
    const byInst = ocids(await supervisor.get('/api/tenders?sort=institutionName&order=asc&pageSize=100'));
    expect(byInst.at(-1)).toBe('p6'); // HB医院 after HA医院
  });

  it('exports the filtered list as .xlsx with the flags, and audits the export', async () => {
    const res = await supervisor.get('/api/tenders/export?kind=hospital&page=3&pageSize=1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toMatch(/招标项目_\d{4}-\d{2}-\d{2}\.xlsx/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).text).toBe('项目编号（ocid）');
    const listed = (await supervisor.get('/api/tenders?kind=hospital&pageSize=100')).json();
    // Every page, not the one asked for: the export ignores paging.
    expect(ws.rowCount - 1).toBe(listed.total);
    const p2 = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).text === 'p2')!;
    expect(p2.getCell(3).text).toBe('HA医院');
    expect(p2.getCell(9).text).toBe('100000.00');
    expect(p2.getCell(15).text).toMatch(/H02 同一供应商反复中标/);
    const [audit] = await env.platform.db.select().from(auditLog).where(eq(auditLog.action, 'tender.export'));
    expect(audit!.after).toMatchObject({ kind: 'hospital', rows: listed.total });
  });

  it('exports only what the caller may see', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await leader.get('/api/tenders/export')).rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getRows(2, wb.worksheets[0]!.rowCount - 1)!.map((r) => r.getCell(1).text);
    expect(rows.sort()).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
  });
});

describe('a process and the buyers for the console', () => {
  it('shows the contracts of a process', async () => {
    const id = (await leader.get('/api/tenders?q=p1')).json().items[0].id;
    const detail = (await leader.get(`/api/tenders/${id}`)).json();
    expect(detail.contracts).toEqual([
      { id: 'c1', awardId: 'a1', title: '彩超采购合同', status: 'active', dateSigned: '2024-02-01T02:00:00Z', periodStart: '2024-02-01T00:00:00Z', periodEnd: '2025-01-31T00:00:00Z', amount: '95000.00', currency: 'CNY' },
    ]);
    expect(detail).toMatchObject({ description: null, awardCriteria: null, numberOfTenderers: 1 });
  });

  it('gives each flag the values its reasoning quotes, read from the release where the flag stores none', async () => {
    const id = (await leader.get('/api/tenders?q=p1')).json().items[0].id;
    const flags = (await leader.get(`/api/tenders/${id}`)).json().flags as { code: string; detail: Record<string, unknown> }[];
    expect(flags.find((f) => f.code === 'R003')!.detail).toEqual({ days: 5, minDays: 15, start: '2024-01-05 10:00', end: '2024-01-10 10:00' });
    expect(flags.find((f) => f.code === 'R018')!.detail).toEqual({ method: 'open', received: 1 });
    expect(flags.find((f) => f.code === 'H01')!.detail).toMatchObject({ amount: '95,000.00', threshold: '100,000.00', lower: '90,000.00' });
  });

  it('gives each buyer its top supplier and that supplier’s share of the spending', async () => {
    const items = (await supervisor.get('/api/tenders/buyers')).json().items;
    const ha = items.find((b: { buyerId: string }) => b.buyerId === 'HA');
    expect(ha).toMatchObject({ processes: 5, awardedValue: '420000.00', topSupplierName: 'S9公司', topSupplierAmount: '300000.00' });
    expect(ha.topSupplierShare).toBeCloseTo(300000 / 420000, 10);
    expect(items.find((b: { buyerId: string }) => b.buyerId === 'HB')).toMatchObject({ topSupplierName: 'S2公司', topSupplierShare: 1 });
  });

  it('compares buyers within a period', async () => {
    const items = (await supervisor.get('/api/tenders/buyers?from=2025-01-01&to=2025-12-31')).json().items;
    const ha = items.find((b: { buyerId: string }) => b.buyerId === 'HA');
    expect(ha).toMatchObject({ processes: 1, awardedValue: '25000.00', topSupplierName: 'S7公司', topSupplierShare: 1 });
  });
});

describe('upload limits', () => {
  it('refuses a file over the upload limit and imports none of it', async () => {
    const before = await env.platform.db.select().from(tenderProcesses).where(eq(tenderProcesses.regionId, world.r1.id));
    // Valid JSON Lines, each line a complete release: only the size is wrong.
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size <= env.platform.config.maxUploadBytes; i++) {
      const line = JSON.stringify({ ...release({ ocid: `big-${i}`, buyer: HA }), padding: 'x'.repeat(4000) });
      lines.push(line);
      size += line.length + 1;
    }
    const res = await admin.request({ method: 'POST', url: '/api/tenders/import', ...multipart('big.jsonl', `${lines.join('\n')}\n`) });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(413);
    expect(res.json().error.code).toBe('file_too_large');
    const after = await env.platform.db.select().from(tenderProcesses).where(and(eq(tenderProcesses.regionId, world.r1.id)));
    expect(after.length).toBe(before.length);
  });
});
