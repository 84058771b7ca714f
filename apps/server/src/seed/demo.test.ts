import { count, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../platform/audit.ts';
import { createTestEnv, signIn, type TestEnv } from '../test/harness.ts';
import { accounts } from '../modules/auth/auth.tables.ts';
import { institutions, people } from '../modules/org/org.tables.ts';
import { tenderFlags, tenderProcesses } from '../modules/tenders/tenders.tables.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('demo seed', () => {
  it('seeds a region of about twelve institutions and 800 staff, and a second run changes nothing', async () => {
    const first = await seedDemo(env.platform);
    expect(first.seeded).toBe(true);
    const [inst] = await env.platform.db.select({ n: count() }).from(institutions);
    const [ppl] = await env.platform.db.select({ n: count() }).from(people);
    expect(inst!.n).toBe(12);
    expect(ppl!.n).toBeGreaterThan(750);
    expect(ppl!.n).toBeLessThan(900);
    const second = await seedDemo(env.platform);
    expect(second.seeded).toBe(false);
    const [ppl2] = await env.platform.db.select({ n: count() }).from(people);
    expect(ppl2!.n).toBe(ppl!.n);
    expect((await verifyAudit(env.platform.db)).ok).toBe(true);
  });

  it('gives every role an account that signs in with the demo password', async () => {
    const [acc] = await env.platform.db.select({ n: count() }).from(accounts);
    expect(acc!.n).toBe(DEMO_ACCOUNTS.length);
    const roles = new Set<string>();
    for (const a of DEMO_ACCOUNTS) {
      const c = await signIn(env.app, a.username, DEMO_PASSWORD);
      roles.add((await c.get('/api/auth/me')).json().role);
    }
    expect(roles.size).toBe(8);
  });
});

describe('demo tenders', () => {
  it('holds a few hundred processes of the region’s hospitals, most placed in an institution', async () => {
    const [all] = await env.platform.db.select({ n: count() }).from(tenderProcesses);
    const [regionLevel] = await env.platform.db.select({ n: count() }).from(tenderProcesses).where(isNull(tenderProcesses.institutionId));
    expect(all!.n).toBe(320);
    expect(regionLevel!.n).toBeGreaterThan(0);
    expect(regionLevel!.n).toBeLessThan(30);
  });

  it('raises flags of most kinds, on a minority of processes', async () => {
    const byCode = await env.platform.db
      .select({ code: tenderFlags.code, n: sql<number>`count(distinct ${tenderFlags.processId})`.mapWith(Number) })
      .from(tenderFlags)
      .groupBy(tenderFlags.code);
    const codes = Object.fromEntries(byCode.map((c) => [c.code, c.n]));
    for (const code of ['R003', 'R018', 'R024', 'R028', 'R030', 'R035', 'R036', 'R058', 'H01', 'H02', 'H03']) expect(codes[code], code).toBeGreaterThan(0);
    const [flagged] = await env.platform.db.select({ n: sql<number>`count(distinct ${tenderFlags.processId})`.mapWith(Number) }).from(tenderFlags);
    expect(flagged!.n).toBeGreaterThan(40);
    expect(flagged!.n).toBeLessThan(200);
  });
});

describe('demo sales representatives', () => {
  it('shows the main hospital’s office a registry, a ledger of recorded visits, requests to decide and the violations', async () => {
    const officer = await signIn(env.app, 'jijian', DEMO_PASSWORD);
    const registry = (await officer.get('/api/reps/reps?pageSize=100')).json();
    expect(registry.total).toBe(20);
    const ledger = (await officer.get('/api/reps/visits?pageSize=100')).json();
    expect(ledger.total).toBeGreaterThan(20);
    expect(ledger.items.every((v: { status: string }) => v.status === 'confirmed')).toBe(true);
    const waiting = (await officer.get('/api/reps/bookings?status=requested')).json();
    expect(waiting.total).toBe(3);
    const violations = (await officer.get('/api/reps/violations')).json();
    expect(violations.items.map((v: { status: string }) => v.status).sort()).toEqual(['confirmed', 'dismissed', 'reported']);
    expect((await officer.get('/api/reps/blacklist')).json().total).toBe(1);
    // Another hospital's office sees none of this hospital's visits.
    const other = await signIn(env.app, 'zy_jijian', DEMO_PASSWORD);
    expect((await other.get('/api/reps/visits')).json().total).toBe(0);
  });

  it('lets a demo rep sign in on the phone pages with the demo password', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/rep/auth/login', payload: { phone: '13905781000', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const me = await env.app.inject({ method: 'GET', url: '/api/rep/me', cookies: { ql_rep_session: res.cookies.find((c) => c.name === 'ql_rep_session')!.value } });
    expect(me.json()).toMatchObject({ hasPhoto: true, hasLetter: true, blacklisted: false, company: { name: '浙江康恩医药股份有限公司' } });
  });

  it('gives the main hospital half a year of reports at every stage, and the region the one about the leadership', async () => {
    const jijian = await signIn(env.app, 'jijian', DEMO_PASSWORD);
    const all = (await jijian.get('/api/reports/cases?pageSize=100')).json() as { total: number; items: { status: string; channel: string; overdue: boolean }[] };
    expect(all.total).toBeGreaterThan(20);
    expect(new Set(all.items.map((c) => c.status))).toEqual(new Set(['received', 'investigating', 'on_hold', 'concluded', 'closed', 'referred']));
    expect(new Set(all.items.map((c) => c.channel))).toEqual(new Set(['integrity_code', 'hotline', 'letter', 'suggestion_box']));
    expect(all.items.filter((c) => c.overdue)).toHaveLength(1);
    const todo = (await jijian.get('/api/dashboard/todo')).json() as { items: { key: string; count: number }[] };
    expect(todo.items.find((i) => i.key === 'cases.overdue')?.count).toBe(1);
    const region = (await (await signIn(env.app, 'supervisor', DEMO_PASSWORD)).get('/api/reports/cases?q=副院长')).json() as { total: number };
    expect(region.total).toBe(1);
    expect((await jijian.get('/api/reports/cases?q=副院长')).json().total).toBe(0);
    expect((await verifyAudit(env.platform.db)).ok).toBe(true);
  });
});

describe('demo risk points and talks', () => {
  it('gives the main hospital a heat map, measures in every state, reviews due and one overdue, and a year of talks', async () => {
    const officer = await signIn(env.app, 'jijian', DEMO_PASSWORD);
    const summary = (await officer.get('/api/supervision/risks/summary')).json();
    expect(summary.points).toBeGreaterThan(30);
    expect(summary.measures).toBeGreaterThan(summary.points * 2);
    expect(summary.heat.length).toBeGreaterThan(10);
    expect(summary.reviewOverdue).toBe(1);
    for (const level of ['medium', 'high', 'critical']) expect(summary.byLevel.find((b: { level: string }) => b.level === level).count, level).toBeGreaterThan(0);
    const points = (await officer.get('/api/supervision/risks?pageSize=200')).json().items as { measures: { status: string }[]; reviewOn: string }[];
    const statuses = new Set(points.flatMap((p) => p.measures.map((m) => m.status)));
    expect([...statuses].sort()).toEqual(['done', 'in_progress', 'planned']);
    const counts = (await officer.get('/api/supervision/talks/counts')).json();
    const by = Object.fromEntries(counts.byKind.map((k: { kind: string; count: number }) => [k.kind, k.count]));
    expect(by.reminder).toBeGreaterThan(by.criticism);
    expect(by.criticism).toBeGreaterThan(by.summons);
    for (const kind of ['admonishment', 'summons', 'rectification']) expect(by[kind], kind).toBeGreaterThan(0);
    // The region sees the hospital in its per-institution breakdown; the heat map of another hospital is empty.
    const region = (await (await signIn(env.app, 'supervisor', DEMO_PASSWORD)).get('/api/supervision/risks/summary')).json();
    expect(region.byInstitution[0]).toMatchObject({ institutionName: '清源市人民医院', points: summary.points, measures: summary.measures });
    expect((await (await signIn(env.app, 'zy_jijian', DEMO_PASSWORD)).get('/api/supervision/risks/summary')).json().points).toBe(0);
  });
});

describe('demo inspection rounds', () => {
  it('shows the main hospital’s rounds, results with answers, orders in every state, a letter and two quarters of cadre scores', async () => {
    const officer = await signIn(env.app, 'jijian', DEMO_PASSWORD);
    const rounds = (await officer.get('/api/supervision/rounds?pageSize=100')).json();
    expect(rounds.items.map((r: { status: string }) => r.status).sort()).toEqual(['cancelled', 'completed', 'completed', 'completed', 'completed', 'in_progress', 'planned']);
    const done = rounds.items.filter((r: { status: string }) => r.status === 'completed');
    expect(done.every((r: { results: unknown[]; departmentIds: unknown[] }) => r.results.length === r.departmentIds.length)).toBe(true);
    expect(done.some((r: { results: { answers: { answer: string; note: string | null }[] }[] }) => r.results.some((x) => x.answers.some((a) => a.answer === 'no' && a.note)))).toBe(true);
    const orders = (await officer.get('/api/supervision/rectifications?pageSize=100')).json().items as { status: string; overdue: boolean; escalated: boolean; letterNumber: string | null; id: string }[];
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['open', 'submitted', 'accepted', 'returned']));
    expect(orders.some((o) => o.status === 'open' && o.escalated)).toBe(true);
    expect(orders.some((o) => o.status === 'returned' && o.escalated)).toBe(true);
    expect(orders.some((o) => o.status === 'open' && !o.overdue)).toBe(true);
    const withLetter = orders.filter((o) => o.letterNumber);
    expect(withLetter).toHaveLength(1);
    expect(withLetter[0]!.letterNumber).toMatch(/^QY001监建〔\d{4}〕1号$/);
    expect((await officer.get(`/api/supervision/rectifications/${withLetter[0]!.id}/letter`)).json()).toMatchObject({ issued: true });
    const figures = (await officer.get('/api/supervision/inspections/figures')).json();
    // Rounds held: the completed ones and the one under way.
    expect(figures).toMatchObject({ rounds: 5, findings: orders.length });
    expect(figures.onTime).toBeGreaterThan(0);
    expect(figures.onTime).toBeLessThan(figures.due);
    // xinnei (心血管内科) sees their department's orders only.
    const head = await signIn(env.app, 'xinnei', DEMO_PASSWORD);
    const mine = (await head.get('/api/supervision/rectifications?pageSize=100')).json().items as { departmentName: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((o) => o.departmentName))).toEqual(new Set(['心血管内科']));
    const today = new Date(Date.now() + 8 * 3600_000);
    let [y, q] = [today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) + 1];
    for (let i = 0; i < 2; i++) {
      [y, q] = q === 1 ? [y - 1, 4] : [y, q - 1];
      const ranking = (await officer.get(`/api/supervision/assessments/ranking?period=${y}-Q${q}`)).json();
      expect(ranking.rows.length).toBeGreaterThan(20);
      expect(ranking.rows.filter((x: { proposedTalk: boolean }) => x.proposedTalk)).toHaveLength(4);
    }
  });
});
