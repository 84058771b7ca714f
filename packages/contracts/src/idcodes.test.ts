import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode, isValidNationalId, nationalIdCheckChar } from './idcodes.ts';

describe('GB 32100 unified social credit codes', () => {
  it('accepts codes with the right check character, in either case', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91110000802100433B')).toBe(true);
    expect(isValidCreditCode(' 91110000802100433b ')).toBe(true);
  });

  it('refuses a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91110000802100433')).toBe(false);
    expect(isValidCreditCode('91110000802100433BX')).toBe(false);
    // I, O, S, V, Z are not used by GB 32100 (mistaken for 1, 0, 5, U, 2)
    expect(isValidCreditCode('91350100M0001O0Y43')).toBe(false);
    expect(isValidCreditCode('9135010AM000100Y43')).toBe(false);
  });

  it('computes the check character that factories use', () => {
    const body = '91330100MA2H3LX2A';
    const code = body + creditCodeCheckChar(body);
    expect(isValidCreditCode(code)).toBe(true);
    expect(creditCodeCheckChar('91330100MA2H3LX2O')).toBeNull();
  });
});

describe('GB 11643 national ID numbers', () => {
  it('checks the birth date and the check digit', () => {
    expect(isValidNationalId('11010519491231002X')).toBe(true);
    expect(isValidNationalId('110105194912310021')).toBe(false);
    expect(isValidNationalId(`11010519490231${'002'}${nationalIdCheckChar('11010519490231002')}`)).toBe(false);
  });
});
