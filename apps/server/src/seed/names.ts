/** Deterministic Chinese names and numbers for demo data (a seeded PRNG, so every seed is identical). */
import { nationalIdCheckChar } from '@qinglian/contracts';

/** mulberry32: small, fast, good enough for demo data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华文丽志强晓东海燕红梅玉兰春梅慧敏雪梅丹丹婷婷晨曦思远子涵浩然欣怡雨萱宇轩梓涵博文嘉怡俊杰诗涵一鸣佳琪鹏飞建平国庆卫东红霞丽娟凤英永刚志刚玉梅桂芳海涛晓燕立新振华少华宏伟';
const GIVEN_CHARS = [...GIVEN];

/** A plausible Chinese full name. */
export function chineseName(r: Rng): string {
  const s = SURNAMES[r.int(0, SURNAMES.length - 1)]!;
  const len = r.next() < 0.55 ? 2 : 1;
  let g = '';
  for (let i = 0; i < len; i++) g += r.pick(GIVEN_CHARS);
  return s + g;
}

/** A mobile number (a 138–199 prefix and 8 digits). */
export const mobile = (r: Rng) => `1${r.pick(['38', '39', '58', '59', '80', '86', '88', '35', '36', '57'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;

/** A valid 18-digit citizen ID number for the given area code and a birth year range. */
export function nationalId(r: Rng, area = '331102'): string {
  const y = r.int(1962, 1998);
  const m = String(r.int(1, 12)).padStart(2, '0');
  const d = String(r.int(1, 28)).padStart(2, '0');
  const first17 = `${area}${y}${m}${d}${String(r.int(0, 999)).padStart(3, '0')}`;
  return first17 + nationalIdCheckChar(first17);
}
