/** Money in fen, the pruned indicator facts, and the hospital flags, without a database. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIndicators } from './engine/engine.ts';
import type { JsonObject } from './engine/ocds.ts';
import { resultObject } from './engine/output.ts';
import { fixtureSettingsIni, parseSettings } from './engine/settings.ts';
import { factsOf } from './tenders.facts.ts';
import { APP_SETTINGS } from './tenders.flags.ts';
import { generateReleases } from './tenders.generate.ts';
import { createHospitalFlags, DEFAULT_HOSPITAL_SETTINGS } from './tenders.hospital.ts';
import { decimalToFen, fenToDecimal, fenToYuanText, percentText, toFen } from './tenders.money.ts';
import { release } from './tenders.testkit.ts';

describe('money', () => {
  it('turns JSON amounts into exact fen, rounding half away from zero', () => {
    expect([1234.56, 0.1 + 0.2, 1.005, 0.125, -2.5, 1e21, 99999.99].map(toFen)).toEqual([123456n, 30n, 101n, 13n, -250n, 100000000000000000000000n, 9999999n]);
    expect(toFen(Number.NaN)).toBeNull();
    expect(fenToDecimal(-5n)).toBe('-0.05');
    expect(decimalToFen('123.4')).toBe(12340n);
    expect(fenToYuanText(123456789n)).toBe('1,234,567.89');
    expect(percentText(1n, 3n)).toBe('33.3');
    expect(percentText(2n, 3n)).toBe('66.7');
  });
});

describe('indicator facts', () => {
  it('give exactly the results of the whole releases (fixtures and generated data)', () => {
    const dir = path.resolve(import.meta.dirname, '../../../test-data/cardinal');
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.jsonl'))) {
      const lines = fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as JsonObject);
      const settings = parseSettings(fixtureSettingsIni(f.slice(0, -6)));
      expect(resultObject(runIndicators(settings, lines.map(factsOf))), f).toStrictEqual(resultObject(runIndicators(settings, lines)));
    }
    const generated = [...generateReleases({ processes: 3000, seed: 7 })];
    const whole = resultObject(runIndicators(APP_SETTINGS, generated));
    expect(Object.keys(whole.OCID ?? {}).length).toBeGreaterThan(100);
    expect(resultObject(runIndicators(APP_SETTINGS, generated.map(factsOf)))).toStrictEqual(whole);
  });
});

describe('hospital flags', () => {
  const run = (releases: JsonObject[], settings = DEFAULT_HOSPITAL_SETTINGS) => {
    const h = createHospitalFlags(settings);
    for (const r of releases) h.fold(r);
    return h.finish();
  };

  it('H01: awarded just under the threshold, to the fen', () => {
    const flags = run([
      release({ ocid: 'under', award: { s: 'A', amount: 99999.99 } }),
      release({ ocid: 'at', award: { s: 'A', amount: 100000 } }),
      release({ ocid: 'low', award: { s: 'A', amount: 89999.99 } }),
      release({ ocid: 'edge', award: { s: 'A', amount: 90000 } }),
    ]).filter((f) => f.code === 'H01');
    expect(flags.map((f) => f.ocid)).toEqual(['under', 'edge']);
    expect(flags[0]!.detail).toMatchObject({ amount: '99,999.99', threshold: '100,000.00', lower: '90,000.00' });
  });

  it('H02 and H03: repeated awards and a dominant supplier, per buyer and year', () => {
    const B = { id: 'B1' };
    const flags = run([
      ...[1, 2, 3].map((i) => release({ ocid: `s${i}`, buyer: B, award: { s: 'S', amount: 0.1, date: `2024-0${i}-01T00:00:00Z` } })),
      release({ ocid: 'o1', buyer: B, award: { s: 'O', amount: 0.2, date: '2024-05-01T00:00:00Z' } }),
      // New Year's Eve in Beijing is already 2025: a separate year.
      release({ ocid: 'next', buyer: B, award: { s: 'S', amount: 1, date: '2024-12-31T16:30:00Z' } }),
    ]);
    expect(flags.filter((f) => f.code === 'H02').map((f) => f.ocid)).toEqual(['s1', 's2', 's3']);
    const h03 = flags.filter((f) => f.code === 'H03');
    expect(h03.map((f) => f.ocid)).toEqual(['s1', 's2', 's3']);
    // 0.1 + 0.1 + 0.1 of 0.5 yuan is exactly 60%, not 60.00000000000001%.
    expect(h03[0]!.detail).toMatchObject({ share: '60.0', supplierAmount: '0.30', buyerAmount: '0.50', year: '2024' });
    expect(h03[0]!.value).toBe(0.6);
  });
});
