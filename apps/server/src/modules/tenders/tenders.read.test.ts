/** Reading OCDS files: JSON Lines streamed with line numbers, packages, and every problem reported. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from './engine/ocds.ts';
import { readReleases } from './tenders.read.ts';

async function read(text: string) {
  const seen: { ocid: string; line: number; path: string }[] = [];
  const summary = await readReleases(Readable.from([Buffer.from(text)]), (r: JsonObject, at) => {
    seen.push({ ocid: r.ocid as string, line: at.line, path: at.path });
  });
  return { ...summary, seen };
}

describe('reading compiled releases', () => {
  it('streams JSON Lines, skipping blank lines and a BOM, with CRLF', async () => {
    const r = await read('\uFEFF{"ocid":"a"}\r\n\r\n{"ocid":"b"}\r\n');
    expect(r.format).toBe('jsonl');
    expect(r.seen).toEqual([
      { ocid: 'a', line: 1, path: '' },
      { ocid: 'b', line: 3, path: '' },
    ]);
    expect(r.issues).toEqual([]);
  });

  it('reports each bad line with its number and reason, and keeps reading', async () => {
    const r = await read('{"ocid":"a"}\n{"ocid":\n"just a string"\n{"ocid":5}\n{"ocid":"e"}\n');
    expect(r.issues.map((i) => [i.line, i.reason])).toEqual([
      [2, 'invalid_json'],
      [3, 'not_object'],
      [4, 'missing_ocid'],
    ]);
    expect(r.seen.map((s) => s.ocid)).toEqual(['a', 'e']);
  });

  it('tells a broken first line of JSON Lines from a pretty-printed document', async () => {
    const broken = await read('{"ocid":"a"\n{"ocid":"b"}\n{"ocid":"c"}\n');
    expect(broken.issues.map((i) => i.line)).toEqual([1]);
    expect(broken.seen.map((s) => s.ocid)).toEqual(['b', 'c']);
    const doc = await read('{\n  "records": [\n    {"compiledRelease": {"ocid": "a"}},\n    oops\n  ]\n}\n');
    expect(doc.issues).toEqual([expect.objectContaining({ line: 4, reason: 'invalid_json' })]);
  });

  it('reads release and record packages, one line or many', async () => {
    const releases = await read(JSON.stringify({ releases: [{ ocid: 'a' }, { ocid: 'b' }] }));
    expect(releases).toMatchObject({ format: 'release_package', releases: 2 });
    expect(releases.seen[1]).toEqual({ ocid: 'b', line: 0, path: 'releases[1]' });
    const records = await read(JSON.stringify({ records: [{ compiledRelease: { ocid: 'a' } }, { ocid: 'x', releases: [] }, { compiledRelease: { tender: {} } }] }, null, 2));
    expect(records.format).toBe('record_package');
    expect(records.seen.map((s) => s.ocid)).toEqual(['a']);
    expect(records.issues.map((i) => [i.path, i.reason])).toEqual([
      ['records[1]', 'no_compiled_release'],
      ['records[2].compiledRelease', 'missing_ocid'],
    ]);
  });

  it('reads as cardinal does when lenient: any object passes, only invalid JSON is a problem', async () => {
    const seen: unknown[] = [];
    const summary = await readReleases(Readable.from(['{"ocid":""}\n[1]\n{"ocid":5}\n{bad\n']), (r) => void seen.push(r.ocid), [], { lenient: true });
    expect(seen).toEqual(['', 5]);
    expect(summary.issues.map((i) => [i.line, i.reason])).toEqual([[4, 'invalid_json']]);
  });

  it('calls an empty file a problem', async () => {
    expect((await read('\n\n')).issues).toEqual([expect.objectContaining({ reason: 'empty_file' })]);
    expect((await read('{"a":1}\n')).issues).toEqual([expect.objectContaining({ line: 1, reason: 'missing_ocid' })]);
  });
});
