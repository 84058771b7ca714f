/** The password policy of the server (ZNewPassword), checked in the form before submitting. */
import type { FormRule as Rule } from 'antd';
import type { Dict } from './i18n/index.tsx';

const CLASSES = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/];

/** antd rules: 10+ characters with at least two of letters, digits, symbols. */
export function passwordRules(t: Dict): Rule[] {
  return [
    { required: true, message: t.common.required },
    {
      validator: (_, v?: string) =>
        !v || (v.length >= 10 && CLASSES.filter((r) => r.test(v)).length >= 2) ? Promise.resolve() : Promise.reject(t.settings.passwordRule),
    },
  ];
}

/** A rule that the field equals `other`. */
export function sameAs(other: string, message: string): Rule {
  return ({ getFieldValue }) => ({
    validator: (_, v?: string) => (!v || v === getFieldValue(other) ? Promise.resolve() : Promise.reject(message)),
  });
}

const LOWER = 'abcdefghjkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '#$%&*+-=?@';

/** A random 14-character password with every class and no look-alike characters (0/O, 1/l/I). */
export function generatePassword(): string {
  const pick = (set: string, n: number) => Array.from(crypto.getRandomValues(new Uint32Array(n)), (x) => set[x % set.length]).join('');
  const chars = (pick(LOWER, 6) + pick(UPPER, 3) + pick(DIGITS, 3) + pick(SYMBOLS, 2)).split('');
  // Shuffle so the classes are not in a fixed order.
  const order = crypto.getRandomValues(new Uint32Array(chars.length));
  return chars
    .map((c, i) => [c, order[i]!] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([c]) => c)
    .join('');
}
