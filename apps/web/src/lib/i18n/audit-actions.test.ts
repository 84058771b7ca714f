/**
 * The audit page names every action in the reader's language: each `target.verb` the server writes must
 * have a label for its target and its verb in both catalogs, or the page shows raw English keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

const SERVER = path.resolve(import.meta.dirname, '../../../../server/src');

/** Actions whose name the server builds from a value (`case.${step}` …): every value it can take. */
const BUILT = [
  ...['assign', 'triage_clue', 'triage_not_clue', 'triage_duplicate', 'dispose', 'note', 'question', 'subjects', 'conclude', 'feedback', 'close', 'recuse'].map((s) => `case.${s}`),
  'rectification.accepted',
  'rectification.returned',
  ...['approve', 'reject', 'suspend', 'reinstate'].map((d) => `rep.${d}`),
  'rep.booking_approve',
  'rep.booking_refuse',
  ...['photo', 'letter', 'licence'].map((k) => `rep.upload_${k}`),
];

function serverActions(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)) found.add(m[1]!);
    }
  };
  walk(SERVER);
  return [...found, ...BUILT].sort();
}

describe('audit action labels', () => {
  const actions = serverActions();

  it('finds the actions the server writes', () => {
    expect(actions.length).toBeGreaterThan(60);
    expect(actions).toContain('case.create');
  });

  for (const [locale, dict] of [
    ['zh-CN', zhCN],
    ['en-US', enUS],
  ] as const)
    it(`labels every action in ${locale}`, () => {
      const missing = actions.filter((a) => {
        const [target = '', ...rest] = a.split('.');
        return !dict.audit.targets[target] || !dict.audit.verbs[rest.join('.')];
      });
      expect(missing).toEqual([]);
    });
});
