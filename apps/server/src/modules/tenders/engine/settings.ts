/**
 * Indicator settings in cardinal's INI format: top-level keys (`currency = CNY`), one section per
 * enabled indicator (`[R003]`, even empty), dotted sections for maps (`[R003.procurement_method_details]`)
 * and `[exclusions]`. Unknown keys are errors, as in cardinal (serde `deny_unknown_fields`); the sections
 * of cardinal's `prepare` command are accepted and ignored so one settings file serves both.
 */
import type { Code } from './state.ts';

export interface Settings {
  currency?: string;
  no_price_comparison_procurement_methods?: string;
  price_comparison_procurement_methods?: string;
  exclusions?: { procurement_method_details?: string };
  R003?: { threshold?: number; procurement_methods?: string; procurement_method_details?: Record<string, number> };
  R018?: { procurement_methods?: string };
  R024?: { threshold?: number };
  R025?: { percentile?: number; threshold?: number };
  R028?: Record<string, never>;
  R030?: Record<string, never>;
  R035?: { threshold?: number };
  R036?: Record<string, never>;
  R038?: { threshold?: number; minimum_submitted_bids?: number; minimum_contracting_processes?: number };
  R048?: { digits?: number; threshold?: number; minimum_contracting_processes?: number };
  R058?: { threshold?: number };
}

type Kind = 'string' | 'int' | 'uint' | 'float' | 'int_map';

/** Every key cardinal's `indicators` command reads, by section ('' is the top level). */
const SPEC: Record<string, Record<string, Kind>> = {
  '': { currency: 'string', no_price_comparison_procurement_methods: 'string', price_comparison_procurement_methods: 'string' },
  exclusions: { procurement_method_details: 'string' },
  R003: { threshold: 'int', procurement_methods: 'string', procurement_method_details: 'int_map' },
  R018: { procurement_methods: 'string' },
  R024: { threshold: 'float' },
  R025: { percentile: 'uint', threshold: 'float' },
  R028: {},
  R030: {},
  R035: { threshold: 'uint' },
  R036: {},
  R038: { threshold: 'float', minimum_submitted_bids: 'uint', minimum_contracting_processes: 'uint' },
  R048: { digits: 'uint', threshold: 'uint', minimum_contracting_processes: 'uint' },
  R058: { threshold: 'float' },
};
/** Sections of cardinal's `prepare` command. */
const IGNORED = new Set(['defaults', 'redactions', 'corrections', 'modifications', 'codelists']);

const own = <T>(o: Record<string, T>, k: string): T | undefined => (Object.hasOwn(o, k) ? o[k] : undefined);

/** A settings problem, naming where it is. */
export class SettingsError extends Error {}

type Tree = { [key: string]: string | Tree };

/** Sets a dotted path (config-rs treats section names and top-level keys as paths). */
function setPath(root: Tree, path: string[], value: string | Tree): void {
  let node = root;
  for (const part of path.slice(0, -1)) {
    let next = node[part];
    if (typeof next === 'string') throw new SettingsError(`${path.join('.')}: ${part} is a value, not a section`);
    if (next === undefined) {
      next = Object.create(null) as Tree;
      node[part] = next;
    }
    node = next;
  }
  const last = path[path.length - 1]!;
  const cur = node[last];
  if (typeof value !== 'string' && typeof cur === 'object') return;
  node[last] = value;
}

/** Parses INI text into a tree of strings: `;`/`#` comment lines, `[section]`, `key = value` or `key: value`, quotes stripped. */
export function parseIni(text: string): Tree {
  const root: Tree = Object.create(null);
  let section: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) return;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) throw new SettingsError(`line ${i + 1}: unterminated section header`);
      section = line.slice(1, -1).trim().split('.');
      setPath(root, section, Object.create(null) as Tree);
      return;
    }
    const at = line.search(/[=:]/);
    if (at <= 0) throw new SettingsError(`line ${i + 1}: expected key = value`);
    const key = line.slice(0, at).trim();
    let value = line.slice(at + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) value = value.slice(1, -1);
    if (section.length) setPath(root, [...section, key], value);
    else setPath(root, key.split('.'), value);
  });
  return root;
}

function convert(path: string, kind: Exclude<Kind, 'int_map'>, raw: string): string | number {
  if (kind === 'string') return raw;
  if (kind === 'float') {
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return Number(raw);
    if (/^[+-]?(inf|infinity)$/i.test(raw)) return raw.startsWith('-') ? -Infinity : Infinity;
    throw new SettingsError(`${path}: invalid number "${raw}"`);
  }
  const ok = kind === 'uint' ? /^\+?\d+$/.test(raw) : /^[+-]?\d+$/.test(raw);
  const n = Number(raw);
  if (!ok || !Number.isSafeInteger(n)) throw new SettingsError(`${path}: expected ${kind === 'uint' ? 'a natural number' : 'an integer'}, got "${raw}"`);
  return n;
}

/** Turns a parsed tree into typed settings; throws SettingsError on unknown or malformed keys. */
export function settingsFromTree(tree: Tree): Settings {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') {
      const kind = own(SPEC['']!, key);
      if (!kind || kind === 'int_map') throw new SettingsError(`unknown field "${key}"`);
      out[key] = convert(key, kind, value);
      continue;
    }
    if (IGNORED.has(key)) continue;
    const spec = key !== '' ? own(SPEC, key) : undefined;
    if (!spec) throw new SettingsError(`unknown section [${key}]`);
    const section: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const kind = own(spec, k);
      const path = `${key}.${k}`;
      if (!kind) throw new SettingsError(`unknown field "${path}"`);
      if (kind === 'int_map') {
        if (typeof v === 'string') throw new SettingsError(`${path}: expected a section`);
        section[k] = Object.fromEntries(
          Object.entries(v).map(([name, n]) => {
            if (typeof n !== 'string') throw new SettingsError(`${path}.${name}: expected a number`);
            return [name, convert(`${path}.${name}`, 'int', n)];
          }),
        );
      } else {
        if (typeof v !== 'string') throw new SettingsError(`${path}: expected a value, got a section`);
        section[k] = convert(path, kind, v);
      }
    }
    out[key] = section;
  }
  return out as Settings;
}

/** Parses a settings file's text. */
export function parseSettings(text: string): Settings {
  return settingsFromTree(parseIni(text));
}

/** True when the settings enable the indicator (its section is present, even empty). */
export const enabled = (settings: Settings, code: Code): boolean => settings[code] !== undefined;

/**
 * The settings of one of cardinal's test fixtures, from its file name: `R003-threshold-10` sets
 * `[R003] threshold = 10`; `+` stands for `|`; three or more parts after the field are a map of
 * integers; a single part only describes the case. Adds the suite's two global settings.
 */
export function fixtureSettingsIni(name: string): string {
  const [code, ...rest] = name.split('-');
  const lines = ['no_price_comparison_procurement_methods = NPC', '', '[exclusions]', 'procurement_method_details = EXC', '', `[${code}]`];
  if (rest.length === 2) lines.push(`${rest[0]} = ${rest[1]!.replaceAll('+', '|')}`);
  else if (rest.length > 2) {
    lines.push('', `[${code}.${rest[0]}]`);
    for (let i = 1; i + 1 < rest.length; i += 2) lines.push(`${rest[i]} = ${rest[i + 1]}`);
  }
  return `${lines.join('\n')}\n`;
}
