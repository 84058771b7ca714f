/** `qinglian tenders import|flags` as real processes on a real data directory (slow to start: each run compiles the CLI). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonl, release } from './tenders.testkit.ts';

const BIN = path.resolve(import.meta.dirname, '../../../bin/qinglian.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-tenders-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, QINGLIAN_DATA_DIR: dir, DATABASE_URL: '', QINGLIAN_SEED_DEMO: '0' };
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
const file = (name: string, body: string) => {
  fs.writeFileSync(path.join(dir, name), body);
  return path.join(dir, name);
};

describe('qinglian tenders', () => {
  it('imports a file into a region, refuses a bad one whole, and recomputes flags', { timeout: 180_000 }, () => {
    const user = cli('user', 'create', '--username', 'cli_admin', '--role', 'region_admin', '--password', 'cli-password-1', '--region', 'QY', '--region-name', '清源市');
    expect(user.status, user.stderr).toBe(0);
    const good = file('good.jsonl', jsonl([release({ ocid: 'c1', bids: [{ t: 'A', amount: 95000 }], award: { s: 'A', amount: 95000 } }), release({ ocid: 'c2' })]));
    const ok = cli('tenders', 'import', '--region', 'QY', good);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/imported 2 processes \(jsonl\): 2 created, 0 updated, 0 unchanged; 0 placed in an institution; \d+ flags/);
    const bad = cli('tenders', 'import', '--region', 'QY', file('bad.jsonl', `${JSON.stringify(release({ ocid: 'c3' }))}\nnot json\n`));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/nothing imported[\s\S]*line 2: 不是有效的 JSON/);
    const flags = cli('tenders', 'flags', '--region', 'QY');
    expect(flags.status, flags.stderr).toBe(0);
    expect(flags.stdout).toMatch(/flags on 2 processes/);
  });
});
