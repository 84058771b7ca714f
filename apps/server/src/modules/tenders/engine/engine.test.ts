/** The pieces that make the indicators agree bit for bit with cardinal-rs: statistics, dates, settings, output. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIndicators } from './engine.ts';
import { formatF64, formatResults } from './output.ts';
import { parseRfc3339, wholeDaysBetween } from './rfc3339.ts';
import { fixtureSettingsIni, parseSettings, SettingsError } from './settings.ts';
import { mulAdd, quantile, sortedOf } from './stats.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../test-data/cardinal');
const BIN = path.resolve(import.meta.dirname, '../../../../bin/qinglian.mjs');

describe('statistics', () => {
  it('uses the type-8 quantile with statrs clamping', () => {
    const data = sortedOf([100, 0, 100, 100, 100, 0, 100, 100, 100]);
    expect(quantile(data, 0.25)).toBeCloseTo(66.6667, 4);
    expect(quantile(data, 0.75)).toBe(100);
    expect(quantile(sortedOf([1, 2, 3, 4]), 0.75)).toBeCloseTo(3.5833, 4);
    expect(quantile(sortedOf([1, 2]), 0.75)).toBe(2); // h = 2.08 ≥ n: statrs takes the maximum
    expect(quantile(sortedOf([5]), 0.25)).toBe(5);
    expect(quantile(sortedOf([]), 0.5)).toBeNaN();
    expect(quantile(sortedOf([1, 2]), 1.5)).toBeNaN();
  });

  it('rounds a·b + c once, like f64::mul_add', () => {
    expect(mulAdd(2, 3, 4)).toBe(10);
    // Expected values from exact rational arithmetic (Python's fractions), rounded once.
    expect(mulAdd(-73.12715117751975, 2.084602421623396, 52.75492379532281)).toBe(-99.68611263575504);
    expect(mulAdd(-48.98619485211566, -0.02738947744835407, -10.101787042252369)).toBe(-8.760080763069668);
    expect(mulAdd(30.31859454455258, 1.732340106813079, -81.22808264515302)).toBe(-28.70596533342037);
    // 0.1·10 − 1 is 0 with two roundings but 2⁻⁵⁴·(…) with one.
    expect(mulAdd(0.1, 10, -1)).toBe(5.551115123125783e-17);
    expect(0.1 * 10 - 1).toBe(0);
  });
});

describe('dates as chrono reads them', () => {
  it('parses RFC 3339 with offsets and counts whole days toward zero', () => {
    const a = parseRfc3339('2000-01-01T18:00:00Z')!;
    expect(wholeDaysBetween(a, parseRfc3339('2000-01-16T17:59:59Z')!)).toBe(14);
    expect(wholeDaysBetween(a, parseRfc3339('2000-01-16T18:00:00Z')!)).toBe(15);
    expect(wholeDaysBetween(a, parseRfc3339('2000-01-17T02:00:00+08:00')!)).toBe(15);
    expect(wholeDaysBetween(parseRfc3339('2000-01-16T18:00:00Z')!, a)).toBe(-15);
    expect(wholeDaysBetween(a, parseRfc3339('2000-01-02T17:59:59.999999999Z')!)).toBe(0);
    expect(parseRfc3339('2000-02-30T00:00:00Z')).toBeNull();
    expect(parseRfc3339('2000-01-01')).toBeNull();
    expect(parseRfc3339('invalid')).toBeNull();
  });
});

describe('settings', () => {
  it('reads cardinal INI files', () => {
    const s = parseSettings(
      '; comment\ncurrency = CNY\n[exclusions]\nprocurement_method_details = Random Selection|EXC\n[R003]\nthreshold = 10\n[R003.procurement_method_details]\nemergency = 5\n[R028]\n[defaults]\nbid_status = valid\n',
    );
    expect(s).toEqual({ currency: 'CNY', exclusions: { procurement_method_details: 'Random Selection|EXC' }, R003: { threshold: 10, procurement_method_details: { emergency: 5 } }, R028: {} });
  });

  it('refuses unknown keys and bad numbers, naming them', () => {
    expect(() => parseSettings('[R999]\n')).toThrow(SettingsError);
    expect(() => parseSettings('[R003]\nthresold = 1\n')).toThrow(/R003.thresold/);
    expect(() => parseSettings('[R025]\npercentile = -1\n')).toThrow(/natural number/);
    expect(() => parseSettings('[R024]\nthreshold = x\n')).toThrow(/invalid number/);
  });

  it('encodes fixture names as the suite does', () => {
    expect(parseSettings(fixtureSettingsIni('R003-procurement_method_details-x-5-y-10')).R003).toEqual({ procurement_method_details: { x: 5, y: 10 } });
    expect(parseSettings(fixtureSettingsIni('R003-procurement_methods-open+selective')).R003).toEqual({ procurement_methods: 'open|selective' });
    expect(parseSettings(fixtureSettingsIni('R038-tenderer')).R038).toEqual({});
  });
});

describe('output as cardinal prints it', () => {
  it('formats floats like serde_json', () => {
    expect(['1.0', '0.2', '100.0', '0.0', '-0.0', '1e16', '1.5e-7', '123456789012345.0', '0.001', 'null']).toEqual(
      [1, 0.2, 100, 0, -0, 1e16, 1.5e-7, 123456789012345, 0.001, Number.NaN].map(formatF64),
    );
  });

  it('prints Meta rounded to 4 decimals unless asked not to', () => {
    const lines = fs
      .readFileSync(path.join(FIXTURES, 'R024.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const r = runIndicators(parseSettings(fixtureSettingsIni('R024')), lines);
    expect(formatResults(r)).toContain('"Meta":{"R024":{"q1":66.6667,"q3":100.0,"lower_fence":16.6667}}');
    expect(formatResults(r, { noMeta: true })).not.toContain('Meta');
  });

  // One real process of the CLI (slow to start on a busy machine: tsx compiles the command's imports).
  it('`qinglian tenders indicators` prints the fixture text', { timeout: 120_000 }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-cardinal-'));
    try {
      for (const name of ['R058']) {
        const ini = path.join(dir, `${name}.ini`);
        fs.writeFileSync(ini, fixtureSettingsIni(name));
        const run = spawnSync(process.execPath, [BIN, 'tenders', 'indicators', '--settings', ini, '--no-meta', path.join(FIXTURES, `${name}.jsonl`)], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        const expected = fs.readFileSync(path.join(FIXTURES, `${name}.expected`), 'utf8').trim();
        expect(JSON.parse(run.stdout)).toStrictEqual(JSON.parse(expected));
        // Same number literals (1.0, 0.2, 100.0 …), not just the same numbers.
        const literals = (s: string) => [...s.matchAll(/"R\d{3}":([-\d.e]+)/g)].map((m) => m[1]).sort();
        expect(literals(run.stdout)).toEqual(literals(expected));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
