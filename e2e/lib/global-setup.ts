/**
 * Starts the real server (built console, embedded PGlite, demo region) once for the whole browser
 * suite and hands its address to the specs; stops it and deletes its data at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ARTIFACTS, missingPrerequisite, REPO_ROOT } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseURL: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${baseURL}/api/health`);
      if (res.ok) {
        const body = (await res.json()) as { status?: string; db?: string };
        if (body.status === 'ok' && body.db === 'pglite') return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000}s:\n${tail(logFile)}`);
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no server log)';
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** vitest globalSetup: returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const problem = missingPrerequisite();
  if (problem) throw new Error(`Browser tests (e2e) cannot run: ${problem}`);
  // Screenshots of an earlier run would pass for this run's: start from an empty folder.
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const logFile = path.join(ARTIFACTS, 'server.log');
  const log = fs.openSync(logFile, 'w');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    QINGLIAN_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    QINGLIAN_SEED_DEMO: '1',
  };
  // The browser suite always runs on the embedded database, whatever the caller's shell says.
  delete env.DATABASE_URL;
  delete env.QINGLIAN_SECRET_KEY;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const teardown = async () => {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseURL, child, logFile, 120_000);
  } catch (e) {
    await teardown();
    throw e;
  }
  project.provide('baseURL', baseURL);
  return teardown;
}
