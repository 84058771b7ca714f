/**
 * The contract's commands as real processes on a brand-new data directory: `qinglian demo-data`, `import`
 * of all eleven kinds (a bad file exits non-zero naming row, column and reason; the same file twice changes
 * nothing), and `screen --format json` printing JSON Lines with the contract's members.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCREENING_KINDS, SCREENING_RULE_KEYS, SCREENING_RULES } from '@qinglian/contracts';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../../bin/qinglian.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-screening-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, QINGLIAN_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', QINGLIAN_SEED_DEMO: '0' };
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('qinglian demo-data, import and screen', () => {
  it('imports all eleven kinds into a fresh data directory and prints alerts as JSON Lines', { timeout: 300_000 }, () => {
    const files = path.join(dir, 'files');
    const gen = cli('demo-data', '--rx', '30000', '--out', files, '--seed', '3');
    expect(gen.status, gen.stderr).toBe(0);
    for (const kind of SCREENING_KINDS) expect(fs.existsSync(path.join(files, `${kind}.csv`)), kind).toBe(true);

    // a bad file before anything else: nothing imported, every problem named
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'institution_code,name,region_code,level\nH9,,R9,tertiary\nH8,八院,R9,quaternary\n');
    const bad = cli('import', 'institutions', path.join(dir, 'bad.csv'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('nothing imported; 2 problem(s)');
    expect(bad.stderr).toContain('row 2, column name: 必填');
    expect(bad.stderr).toContain('row 3, column level: 取值不在允许范围内');

    for (const kind of SCREENING_KINDS) {
      const res = cli('import', kind, path.join(files, `${kind}.csv`));
      expect(res.status, `${kind}: ${res.stderr}`).toBe(0);
      expect(res.stdout).toMatch(new RegExp(`imported ${kind}: \\d+ rows: [1-9]\\d* imported`));
    }
    const again = cli('import', 'prescriptions', path.join(files, 'prescriptions.csv'));
    expect(again.stdout).toMatch(/: 0 imported, 0 updated, \d+ unchanged, 0 rejected/);

    const screen = cli('screen', '--format', 'json');
    expect(screen.status, screen.stderr).toBe(0);
    const lines = screen.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(20);
    const seen = new Set<string>();
    for (const line of lines) {
      const a = JSON.parse(line);
      expect(Object.keys(a).sort()).toEqual(['evidence', 'institution', 'keys', 'period', 'rule', 'score', 'summary']);
      expect(SCREENING_RULES).toContain(a.rule);
      expect(Object.keys(a.keys).sort()).toEqual([...SCREENING_RULE_KEYS[a.rule as keyof typeof SCREENING_RULE_KEYS]].sort());
      expect(a.period).toMatch(/^\d{4}-\d{2}$/);
      expect(a.score).toBeGreaterThanOrEqual(0);
      expect(a.score).toBeLessThanOrEqual(1);
      expect(['H001', 'H002']).toContain(a.institution);
      seen.add(a.rule);
    }
    expect([...seen].sort()).toEqual([...SCREENING_RULES].sort());

    // one institution, a narrower window, a stricter threshold from --config
    fs.writeFileSync(path.join(dir, 'rules.json'), JSON.stringify({ split_purchase: { thresholdYuan: 1000000 }, enabled: { usage_spike: false } }));
    const narrow = cli('screen', '--institution', 'H002', '--from', '2025-06', '--to', '2025-12', '--config', path.join(dir, 'rules.json'), '--format', 'json');
    expect(narrow.status, narrow.stderr).toBe(0);
    const alerts = narrow.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(alerts.every((a) => a.institution === 'H002' && a.rule !== 'split_purchase' && a.rule !== 'usage_spike')).toBe(true);
    expect(cli('screen', '--from', '2025-13').status).toBe(2);
  });
});
