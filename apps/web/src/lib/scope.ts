/**
 * The user's scope level. Kept out of session.tsx on purpose: it needs runtime values from
 * @qinglian/contracts, whose zod schemas must stay out of the entry chunk the login page loads.
 */
import { ROLE_SCOPE, type TScopeLevel } from '@qinglian/contracts';
import { useMe } from './session.tsx';

/** How far the user's view reaches (region, institution, department or self). */
export function useScope(): TScopeLevel {
  return ROLE_SCOPE[useMe().role];
}
