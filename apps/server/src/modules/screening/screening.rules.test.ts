/**
 * Rule by rule on small hand-made tables in an in-memory DuckDB: what each rule flags, and the edge cases
 * it must leave alone (a doctor with too few prescriptions to judge, a product with no history, a platform
 * record a day apart, votes against, orders at the threshold).
 */
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { TScreeningRule } from '@qinglian/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { all, FACT_TABLES_SQL, lit, loadTextTable } from './facts.store.ts';
import { effectiveParams } from './rules.params.ts';
import { ruleSql } from './rules.sql.ts';

let instance: DuckDBInstance;
let con: DuckDBConnection;
const scope = { institutions: ['H1'], from: '2025-01', to: '2025-12' };

beforeEach(async () => {
  instance = await DuckDBInstance.create(':memory:');
  con = await instance.connect();
  await con.run(FACT_TABLES_SQL);
  await loadTextTable(con, 'ref_institutions', ['code', 'id', 'region_id', 'name'], [['H1', 'i1', 'r1', '一院']]);
  await loadTextTable(con, 'ref_suppliers', ['code', 'name', 'kind'], [
    ['M1', '甲药业', 'manufacturer'],
    ['M2', '乙药业', 'manufacturer'],
    ['D1', '丙配送', 'distributor'],
    ['D2', '丁配送', 'distributor'],
    ['D3', '戊配送', 'distributor'],
  ]);
  await loadTextTable(con, 'ref_products_text', ['code', 'generic_name', 'brand_name', 'spec', 'manufacturer_code', 'category', 'platform_price', 'vbp', 'key_monitored'], [
    ['A1', '甲药', '甲一', null, 'M1', 'drug', '10.00', '1', '0'],
    ['A2', '甲药', '甲二', null, 'M2', 'drug', '20.00', '0', '0'],
    ['A3', '甲药', '甲三', null, 'M2', 'drug', '22.00', '0', '0'],
    ['C1', '耗材', '耗一', null, 'M2', 'consumable', '1000.00', '0', '0'],
  ]);
  await con.run(`CREATE OR REPLACE TEMP TABLE ref_products AS SELECT code, generic_name, brand_name, spec, manufacturer_code, category,
    CAST(platform_price AS DECIMAL(18,2)) platform_price, vbp = '1' vbp, key_monitored = '1' key_monitored FROM ref_products_text`);
  const staff = Array.from({ length: 8 }, (_, i) => ['H1', `S${i + 1}`, `p${i}`, `医生${i + 1}`, 'cardiology', 'CARD', null]);
  staff.push(['H1', 'F1', 'pf', '药师', 'pharmacy', 'PHAR', null]);
  await loadTextTable(con, 'ref_staff', ['institution_code', 'staff_no', 'person_id', 'name', 'specialty', 'dept_code', 'title'], staff);
  await loadTextTable(con, 'ref_departments', ['institution_code', 'dept_code', 'name', 'clinical'], [['H1', 'CARD', '心内科', '1']]);
  await loadTextTable(con, 'ref_relations', ['institution_code', 'staff_no', 'supplier_code', 'relation', 'declared_on'], []);
  await loadTextTable(con, 'ref_votes', ['institution_code', 'decision_id', 'decided_on', 'product_code', 'outcome', 'member_staff_no', 'vote'], []);
  await loadTextTable(con, 'ref_visits', ['institution_code', 'visit_id', 'supplier_code', 'rep_id', 'visited_on', 'dept_code', 'host_staff_no'], []);
});
afterEach(() => {
  con.closeSync();
  instance.closeSync();
});

const run = (rule: TScreeningRule, overrides: unknown = {}) => all<Record<string, unknown>>(con, ruleSql(rule, effectiveParams(overrides), scope));
const values = (rows: (string | number)[][]) => rows.map((r) => `(${r.map((v) => lit(v)).join(', ')})`).join(', ');
const purchase = (rows: [string, string, string, string, string, number, string, string, string][]) =>
  con.run(`INSERT INTO purchase_orders VALUES ${rows.map((r) => `('H1', ${r.map((v) => lit(v)).join(', ')}, NULL)`).join(', ')}`);
const platform = (rows: [string, string, string, string, number, string][]) =>
  con.run(`INSERT INTO platform_records VALUES ${rows.map((r) => `('H1', ${r.map((v) => lit(v)).join(', ')}, NULL)`).join(', ')}`);
/** n prescription lines of a product by a doctor in a month. */
let rxSeq = 0;
async function rx(doctor: string, product: string, n: number, month = '2025-06', qty = 1) {
  const rows = Array.from({ length: n }, (_, i) => ['H1', `R${++rxSeq}`, '1', 'CARD', doctor, 'PK', `${month}-${String((i % 28) + 1).padStart(2, '0')}`, product, qty, '10.00']);
  await con.run(`INSERT INTO prescriptions (institution_code, rx_id, line_no, dept_code, doctor_staff_no, patient_key, prescribed_on, product_code, quantity, amount) VALUES ${values(rows)}`);
}

describe('off_platform_purchase', () => {
  it('flags a line the platform never saw, not one whose record is a day apart', async () => {
    await purchase([
      ['PO1', '1', '2025-03-10', 'D1', 'A1', 100, '10.00', '1000.00', 'platform'],
      ['PO2', '1', '2025-03-10', 'D1', 'A2', 50, '20.00', '1000.00', 'platform'],
      ['PO3', '1', '2025-03-10', 'D1', 'A3', 50, '22.00', '1100.00', 'offline'],
    ]);
    await platform([
      ['R1', '2025-03-11', 'D1', 'A1', 100, '10.00'],
      ['R2', '2025-03-20', 'D1', 'A2', 50, '20.00'],
    ]);
    const rows = await run('off_platform_purchase');
    expect(rows.map((r) => r.k1).sort()).toEqual(['PO2', 'PO3']);
    const po2 = rows.find((r) => r.k1 === 'PO2')!;
    expect(po2.period).toBe('2025-03');
    const ev = po2.evidence as { purchase: { order_id: string }; platform_rows: { record_id: string }[] };
    expect(ev.purchase.order_id).toBe('PO2');
    expect(ev.platform_rows.map((p) => p.record_id)).toEqual(['R2']);
    expect(Number(po2.score)).toBeGreaterThan(Number(rows.find((r) => r.k1 === 'PO3')!.score));
    // a wider matching window accepts the record ten days off
    expect((await run('off_platform_purchase', { off_platform_purchase: { matchDays: 10 } })).map((r) => r.k1)).toEqual(['PO3']);
  });
});

describe('price_above_platform', () => {
  it('flags a unit price above the listed price by more than the tolerance and the minimum excess', async () => {
    await purchase([
      ['PO1', '1', '2025-04-01', 'D1', 'A1', 100, '12.00', '1200.00', 'platform'],
      ['PO1', '2', '2025-04-01', 'D1', 'A2', 100, '20.10', '2010.00', 'platform'],
      ['PO1', '3', '2025-04-01', 'D1', 'A3', 2, '30.00', '60.00', 'platform'],
    ]);
    const rows = await run('price_above_platform');
    expect(rows.map((r) => r.k2)).toEqual(['1']);
    expect(rows[0]!.amount).toBe('200.00');
    expect((rows[0]!.evidence as { reference_price: string }).reference_price).toBe('10.00');
  });
});

describe('split_purchase', () => {
  it('flags three orders of one supplier in a month each just under the threshold, not two or ones at it', async () => {
    await purchase([
      ['O1', '1', '2025-05-02', 'D1', 'C1', 70, '1000.00', '70000.00', 'platform'],
      ['O2', '1', '2025-05-09', 'D1', 'C1', 80, '1000.00', '80000.00', 'platform'],
      ['O3', '1', '2025-05-16', 'D1', 'C1', 99, '1000.00', '99000.00', 'platform'],
      ['O4', '1', '2025-05-02', 'D2', 'C1', 90, '1000.00', '90000.00', 'platform'],
      ['O5', '1', '2025-05-09', 'D2', 'C1', 90, '1000.00', '90000.00', 'platform'],
      ['O6', '1', '2025-05-16', 'D2', 'C1', 100, '1000.00', '100000.00', 'platform'],
    ]);
    const rows = await run('split_purchase');
    expect(rows.map((r) => [r.k1, r.k2])).toEqual([['D1', '2025-05']]);
    expect(rows[0]!.amount).toBe('249000.00');
    expect((await run('split_purchase', { split_purchase: { thresholdYuan: 200000 } })).length).toBe(0);
  });
});

describe('supplier_concentration', () => {
  it('flags a supplier far above its fair share of a category', async () => {
    const lines: [string, string, string, string, string, number, string, string, string][] = [];
    for (let i = 0; i < 8; i++) lines.push([`P${i}`, '1', '2025-02-01', 'D1', 'C1', 100, '1000.00', '100000.00', 'platform']);
    lines.push(['Q1', '1', '2025-02-01', 'D2', 'C1', 50, '1000.00', '50000.00', 'platform']);
    lines.push(['Q2', '1', '2025-02-01', 'D3', 'C1', 50, '1000.00', '50000.00', 'platform']);
    await purchase(lines);
    const rows = await run('supplier_concentration');
    expect(rows.map((r) => r.k1)).toEqual(['D1']);
    const ev = rows[0]!.evidence as { share: number; fair_share: number; category: string };
    expect(ev.share).toBeCloseTo(0.8889, 3);
    expect(ev.category).toBe('consumable');
  });
});

describe('usage_spike', () => {
  it('flags a month far above the product’s own history; a product with no history is not judged', async () => {
    for (const m of ['2025-01', '2025-02', '2025-03', '2025-04']) await rx('S1', 'A1', 40, m);
    await rx('S1', 'A1', 130, '2025-05');
    // A2 appears for the first time in May with a large quantity: no history, no alert
    await rx('S2', 'A2', 200, '2025-05');
    const rows = await run('usage_spike');
    expect(rows.map((r) => [r.k1, r.k2])).toEqual([['A1', '2025-05']]);
    const ev = rows[0]!.evidence as { history_mean: number; series: { month: string }[] };
    expect(ev.history_mean).toBe(40);
    expect(ev.series.map((s) => s.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']);
  });
});

describe('prescriber_concentration', () => {
  it('compares a doctor’s share of one alternative with specialty peers; too few prescriptions are not judged', async () => {
    // peers S2..S7 split the generic evenly
    for (const d of ['S2', 'S3', 'S4', 'S5', 'S6', 'S7']) {
      await rx(d, 'A1', 14);
      await rx(d, 'A2', 13);
      await rx(d, 'A3', 13);
    }
    await rx('S1', 'A2', 36);
    await rx('S1', 'A1', 4);
    // S8 prescribes only A2 but too rarely to judge
    await rx('S8', 'A2', 10);
    const rows = await run('prescriber_concentration');
    expect(rows.map((r) => [r.k1, r.k2])).toEqual([['S1', 'A2']]);
    const ev = rows[0]!.evidence as { share: number; peer_median: number; peer_p90: number; peers: number };
    expect(ev.share).toBeCloseTo(0.9, 3);
    expect(ev.peers).toBe(6);
    expect(ev.peer_median).toBeCloseTo(0.325, 3);
    expect(ev.peer_p90).toBeCloseTo(0.325, 3);
    // with fewer peers than required nobody is judged
    expect(await run('prescriber_concentration', { prescriber_concentration: { minPeers: 7 } })).toEqual([]);
  });
});

describe('vbp_bypass', () => {
  it('flags a doctor choosing the non-VBP alternatives far more than peers', async () => {
    for (const d of ['S2', 'S3', 'S4', 'S5', 'S6']) {
      await rx(d, 'A1', 28);
      await rx(d, 'A2', 12);
    }
    await rx('S1', 'A1', 5);
    await rx('S1', 'A2', 20);
    await rx('S1', 'A3', 15);
    const rows = await run('vbp_bypass');
    expect(rows.map((r) => [r.k1, r.k2])).toEqual([['S1', 'A1']]);
    expect((rows[0]!.evidence as { non_vbp_share: number }).non_vbp_share).toBeCloseTo(0.875, 3);
  });
});

describe('post_visit_uplift', () => {
  it('flags a host doctor whose use of the company’s products rises after its visits, not a peer', async () => {
    await loadTextTable(con, 'ref_visits', ['institution_code', 'visit_id', 'supplier_code', 'rep_id', 'visited_on', 'dept_code', 'host_staff_no'], [
      ['H1', 'V1', 'M2', 'REP1', '2025-06-01', 'CARD', 'S1'],
      ['H1', 'V2', 'M2', 'REP1', '2025-06-10', 'CARD', 'S1'],
      ['H1', 'V3', 'M1', 'REP2', '2025-06-01', 'CARD', 'S2'],
    ]);
    for (const d of ['S1', 'S2', 'S3', 'S4', 'S5']) {
      await rx(d, 'A1', 20, '2025-04');
      await rx(d, 'A2', 5, '2025-04');
      await rx(d, 'A1', 20, '2025-07');
      await rx(d, 'A2', 5, '2025-07');
    }
    await rx('S1', 'A2', 25, '2025-07');
    const rows = await run('post_visit_uplift');
    expect(rows.map((r) => [r.k1, r.k2])).toEqual([['S1', 'M2']]);
    const ev = rows[0]!.evidence as { visits: unknown[]; lines_before: number; lines_after: number; monthly: { month: string }[] };
    expect(ev.visits).toHaveLength(2);
    // 60 days before 1 June begins on 2 April: the line of 1 April falls outside
    expect(ev.lines_before).toBe(4);
    expect(ev.lines_after).toBe(30);
    expect(ev.monthly.map((m) => m.month)).toContain('2025-07');
  });
});

describe('committee_conflict', () => {
  it('flags a vote for an admission by a member related to the manufacturer, not a vote against', async () => {
    await loadTextTable(con, 'ref_relations', ['institution_code', 'staff_no', 'supplier_code', 'relation', 'declared_on'], [
      ['H1', 'F1', 'M2', 'family', '2024-01-01'],
      ['H1', 'S1', 'M2', 'shareholding', '2024-01-01'],
      ['H1', 'S2', 'D1', 'family', '2024-01-01'],
    ]);
    await loadTextTable(con, 'ref_votes', ['institution_code', 'decision_id', 'decided_on', 'product_code', 'outcome', 'member_staff_no', 'vote'], [
      ['H1', 'CD1', '2025-03-01', 'A2', 'admitted', 'F1', 'for'],
      ['H1', 'CD1', '2025-03-01', 'A2', 'admitted', 'S1', 'against'],
      ['H1', 'CD1', '2025-03-01', 'A2', 'admitted', 'S2', 'for'],
      ['H1', 'CD2', '2025-03-01', 'A3', 'rejected', 'F1', 'for'],
    ]);
    const rows = await run('committee_conflict');
    expect(rows.map((r) => [r.k1, r.k2])).toEqual([['CD1', 'F1']]);
    expect((rows[0]!.evidence as { relation: string; votes_for: number }).relation).toBe('family');
    expect((await run('committee_conflict', { committee_conflict: { relations: ['shareholding'] } })).length).toBe(0);
  });
});
