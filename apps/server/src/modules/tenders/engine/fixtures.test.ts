/**
 * cardinal-rs's own test suite for the eleven indicators (apps/server/test-data/cardinal, MIT): every
 * fixture runs with its settings (from the file name, through the INI parser) plus the suite's two
 * global settings, and the result map must equal the `.expected` file exactly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIndicators } from './engine.ts';
import { resultObject } from './output.ts';
import { fixtureSettingsIni, parseSettings } from './settings.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../../test-data/cardinal');
const names = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => f.slice(0, -'.jsonl'.length))
  .sort();

const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);

describe('cardinal-rs fixtures', () => {
  it('are all present, with their licence', () => {
    expect(names).toHaveLength(15);
    expect(fs.readFileSync(path.join(FIXTURES, 'LICENSE'), 'utf8')).toMatch(/MIT License[\s\S]*Open Contracting Partnership/);
  });

  it.each(names)('%s matches exactly', (name) => {
    const settings = parseSettings(fixtureSettingsIni(name));
    const actual = resultObject(runIndicators(settings, lines(path.join(FIXTURES, `${name}.jsonl`))));
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.expected`), 'utf8'));
    expect(actual).toStrictEqual(expected);
  });
});
