/**
 * Enum values for pickers, taken from the dictionary (whose keys are checked against the contract's
 * enums). Importing the contract's value arrays instead would pull zod into the browser bundle.
 */
import type { TInstitution, TPost, TRole } from '@qinglian/contracts';
import type { Dict } from './i18n/index.tsx';

const keys = <K extends string>(o: Record<K, string>) => Object.keys(o) as K[];

export const institutionLevels = (t: Dict) => keys<TInstitution['level']>(t.org.levels);
export const institutionKinds = (t: Dict) => keys<TInstitution['kind']>(t.org.kinds);
export const cadreLevels = (t: Dict) => keys<TPost['cadreLevel']>(t.org.cadre);
export const roles = (t: Dict) => keys<TRole>(t.roles);
