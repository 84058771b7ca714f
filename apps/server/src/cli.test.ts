/** The `qinglian` command and the server process, run as real child processes on a real data directory. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { departments, people } from './modules/org/org.tables.ts';
import { loadConfig } from './platform/config.ts';
import { openPlatform } from './platform/open.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/qinglian.mjs');
const dirs: string[] = [];
const newDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

// These tests exercise the embedded database's files; the server-database variant is covered elsewhere.
const env = (dataDir: string) => ({ ...process.env, QINGLIAN_DATA_DIR: dataDir, DATABASE_URL: '', QINGLIAN_SEED_DEMO: '0' });
const cli = (dataDir: string, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: env(dataDir), encoding: 'utf8' });

async function withDb<T>(dataDir: string, fn: (p: Awaited<ReturnType<typeof openPlatform>>['platform']) => Promise<T>) {
  const opened = await openPlatform(loadConfig({ QINGLIAN_DATA_DIR: dataDir }));
  try {
    return await fn(opened.platform);
  } finally {
    await opened.close();
  }
}

let shared: string;
beforeAll(() => {
  shared = newDir();
});

// Each command is a fresh Node process opening an on-disk database: slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 180_000 });

describe('qinglian CLI', () => {
  it('imports the contract files, refuses a bad staff file whole, and verifies the audit chain', async () => {
    const dir = shared;
    const f = (name: string, body: string) => {
      fs.writeFileSync(path.join(dir, name), body);
      return path.join(dir, name);
    };
    const inst = cli(dir, 'import', 'institutions', f('i.csv', 'institution_code,name,region_code,level\nH001,清源市人民医院,QY,tertiary\n'));
    expect(inst.status, inst.stderr).toBe(0);
    const dept = cli(dir, 'import', 'departments', f('d.csv', 'institution_code,dept_code,name,clinical\nH001,CARD,心血管内科,1\nH001,FIN,财务科,0\n'));
    expect(dept.status, dept.stderr).toBe(0);
    const bad = cli(
      dir,
      'import',
      'staff',
      f('s.csv', 'staff_no,name,institution_code,dept_code,title,specialty\nS1,张三,H001,CARD,主治医师,cardiology\nS2,李四,H001,NOPE,医师,cardiology\n'),
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/row 3/);
    expect(bad.stderr).toMatch(/dept_code/);
    await withDb(dir, async (p) => {
      expect((await p.db.select().from(people)).length).toBe(0);
      expect((await p.db.select().from(departments).where(eq(departments.code, 'CARD'))).length).toBe(1);
    });
    const good = cli(dir, 'import', 'staff', f('s2.csv', 'staff_no,name,institution_code,dept_code,title,specialty\nS1,张三,H001,CARD,主治医师,cardiology\n'));
    expect(good.status, good.stderr).toBe(0);
    const again = cli(dir, 'import', 'staff', path.join(dir, 's2.csv'));
    expect(again.stdout).toMatch(/1 rows: 0 imported, 0 updated, 1 unchanged/);

    const ok = cli(dir, 'audit', 'verify');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/intact/);
    const tamperDir = newDir();
    fs.cpSync(dir, tamperDir, { recursive: true });
    await withDb(tamperDir, (p) => p.db.execute(sql`update audit_log set action = 'nothing.happened' where seq = 1`));
    const broken = cli(tamperDir, 'audit', 'verify');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/#1: content does not match/);
  });

  it('creates the first administrator and refuses a taken name or a weak password', async () => {
    const dir = shared;
    const res = cli(dir, 'user', 'create', '--username', 'root', '--role', 'region_admin', '--region', 'QY', '--region-name', '清源市', '--password', 'first-admin-pass');
    expect(res.status, res.stderr).toBe(0);
    const dup = cli(dir, 'user', 'create', '--username', 'root', '--role', 'region_admin', '--region', 'QY', '--password', 'first-admin-pass');
    expect(dup.status).toBe(1);
    const weak = cli(dir, 'user', 'create', '--username', 'x', '--role', 'region_admin', '--region', 'QY', '--password', 'short');
    expect(weak.status).toBe(1);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('durability', () => {
  it('keeps a change the server answered even when the process is killed right after', async () => {
    const dir = shared; // has the administrator `root` and institution H001 from the tests above
    const port = await freePort();
    const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, 'main.ts')], {
      env: { ...env(dir), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'root', password: 'first-admin-pass' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const list = (await (await fetch(`${base}/api/org/institutions`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    const created = await fetch(`${base}/api/org/departments`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ institutionId: list.items[0]!.id, code: 'KILL', name: '断电测试科', clinical: false }),
    });
    expect(created.status).toBeLessThan(300);
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    await withDb(dir, async (p) => {
      expect((await p.db.select().from(departments).where(eq(departments.code, 'KILL'))).length).toBe(1);
    });
  });
});
