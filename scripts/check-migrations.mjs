#!/usr/bin/env node
// Fails when the Drizzle schema (*.tables.ts) and the committed migrations disagree: it generates
// into a scratch copy of the migrations folder and reports any new migration drizzle-kit would write.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const committed = path.join(root, 'apps/server/drizzle');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-drift-'));
fs.cpSync(committed, scratch, { recursive: true });
const config = path.join(scratch, 'drizzle.config.mjs');
fs.writeFileSync(
  config,
  `export default { dialect: 'postgresql', schema: ['${path.join(root, 'apps/server/src')}/**/*.tables.ts'], out: '${scratch}' };\n`,
);
const before = new Set(fs.readdirSync(scratch));
const r = spawnSync('npx', ['drizzle-kit', 'generate', '--config', config], { cwd: root, encoding: 'utf8' });
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(1);
}
const added = fs.readdirSync(scratch).filter((f) => f.endsWith('.sql') && !before.has(f));
fs.rmSync(scratch, { recursive: true, force: true });
if (added.length) {
  console.error(`schema drift: the tables differ from the committed migrations (drizzle-kit would add ${added.join(', ')}).`);
  console.error('Run `npm run db:generate` and commit the new migration.');
  process.exit(1);
}
console.log('migrations match the schema');
