#!/usr/bin/env node
// `npm run bench -- <name> [args]`: runs apps/server/bench/<name>.ts, which prints its figures.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'apps/server/bench');
const [name, ...args] = process.argv.slice(2);
const available = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^[a-z-]+\.ts$/.test(f) && !f.includes('-lib')).map((f) => f.slice(0, -3)) : [];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]\navailable: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`), ...args], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
