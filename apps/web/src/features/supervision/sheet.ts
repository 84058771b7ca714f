/**
 * Reads the first two columns of a spreadsheet in the browser: CSV (or text pasted from Excel) and
 * .xlsx. An .xlsx file is a zip of XML parts; reading two columns needs only the zip directory, the
 * browser's raw-deflate decompressor and DOMParser, not a spreadsheet library in the bundle.
 */

export type Pair = [string, string];

/** Rows of delimited text (comma, tab or semicolon; quoted cells may hold delimiters and line breaks). */
export function parseDelimited(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes('\t') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

async function inflate(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The named entries of a zip archive, decompressed (only those asked for). */
async function unzip(buf: ArrayBuffer, want: (name: string) => boolean): Promise<Map<string, string>> {
  const v = new DataView(buf);
  let eocd = -1;
  for (let i = buf.byteLength - 22; i >= Math.max(0, buf.byteLength - 65_557); i--)
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('not a zip file');
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  const out = new Map<string, string>();
  const utf8 = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (v.getUint32(p, true) !== 0x02014b50) throw new Error('bad zip directory');
    const method = v.getUint16(p + 10, true);
    const size = v.getUint32(p + 20, true);
    const nameLen = v.getUint16(p + 28, true);
    const skip = nameLen + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
    const local = v.getUint32(p + 42, true);
    const name = utf8.decode(new Uint8Array(buf, p + 46, nameLen));
    p += 46 + skip;
    if (!want(name)) continue;
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const raw = new Uint8Array(buf.slice(start, start + size));
    out.set(name, utf8.decode(method === 8 ? await inflate(raw) : raw));
  }
  return out;
}

const xml = (s: string) => new DOMParser().parseFromString(s, 'application/xml');
const textOf = (el: Element) => Array.from(el.getElementsByTagName('t'), (t) => t.textContent ?? '').join('');

/** Columns A and B of the first worksheet of an .xlsx file. */
async function readXlsx(buf: ArrayBuffer): Promise<string[][]> {
  const parts = await unzip(buf, (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(n));
  // The first sheet in workbook order, through its relationship (falls back to the first sheet file).
  const rid = xml(parts.get('xl/workbook.xml') ?? '<x/>').getElementsByTagName('sheet')[0]?.getAttribute('r:id');
  const rel = Array.from(xml(parts.get('xl/_rels/workbook.xml.rels') ?? '<x/>').getElementsByTagName('Relationship')).find((r) => r.getAttribute('Id') === rid);
  const target = rel?.getAttribute('Target')?.replace(/^\/?(xl\/)?/, 'xl/');
  const sheet = (target && parts.get(target)) ?? [...parts].find(([n]) => n.startsWith('xl/worksheets/'))?.[1];
  if (!sheet) throw new Error('no worksheet');
  const shared = Array.from(xml(parts.get('xl/sharedStrings.xml') ?? '<x/>').getElementsByTagName('si'), textOf);
  const rows: string[][] = [];
  for (const row of Array.from(xml(sheet).getElementsByTagName('row'))) {
    const cells: string[] = ['', ''];
    for (const c of Array.from(row.getElementsByTagName('c'))) {
      const col = /^([A-Z]+)/.exec(c.getAttribute('r') ?? '')?.[1];
      const at = col === 'A' ? 0 : col === 'B' ? 1 : -1;
      if (at < 0) continue;
      const type = c.getAttribute('t');
      const value = c.getElementsByTagName('v')[0]?.textContent ?? '';
      let s = type === 's' ? (shared[Number(value)] ?? '') : type === 'inlineStr' ? textOf(c) : value;
      // Excel stores 88.1 as 88.09999999999999: scores have at most two decimals.
      if (type !== 's' && type !== 'inlineStr' && type !== 'str' && /^-?\d+\.\d{3,}$/.test(s)) s = String(Math.round(Number(s) * 100) / 100);
      cells[at] = s;
    }
    rows.push(cells);
  }
  return rows;
}

/** Staff number and score pairs from a file; a first row whose score is not a number is a header. */
export async function readPairs(file: File): Promise<Pair[]> {
  const rows = /\.xlsx$/i.test(file.name) ? await readXlsx(await file.arrayBuffer()) : parseDelimited(await file.text());
  return toPairs(rows);
}

/** The first two cells of each non-empty row, header dropped. */
export function toPairs(rows: string[][]): Pair[] {
  const pairs = rows.map((r) => [(r[0] ?? '').trim(), (r[1] ?? '').trim()] as Pair).filter(([a, b]) => a || b);
  if (pairs.length && !/^\d/.test(pairs[0]![1])) pairs.shift();
  return pairs;
}
