/**
 * Access decided in one place: who the caller is (Actor), whether the role holds a permission, and
 * which rows the caller's scope reaches. Services apply `scopeWhere` to every query and
 * `assertInScope` to every single-record read, so an out-of-scope record is a 404, never a leak.
 */
import { can, ROLE_SCOPE, type TPermission, type TRole, type TScopeLevel } from '@qinglian/contracts';
import { type AnyColumn, and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { institutions } from '../modules/org/org.tables.ts';
import { AppError, notFound } from './errors.ts';

export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  role: TRole;
  regionId: string;
  institutionId: string | null;
  departmentId: string | null;
  personId: string | null;
}

export const scopeOf = (actor: Actor): TScopeLevel => ROLE_SCOPE[actor.role];

/** Throws 403 unless the actor's role holds the permission. */
export function requirePermission(actor: Actor, permission: TPermission): void {
  if (!can(actor.role, permission)) throw new AppError('forbidden', 'forbidden', { permission });
}

/** Columns of a table that place a row in the hierarchy; give those the table has. */
export interface ScopeColumns {
  regionId?: AnyColumn;
  institutionId?: AnyColumn;
  departmentId?: AnyColumn;
  personId?: AnyColumn;
}

const FALSE = sql`false`;

/**
 * The SQL condition limiting a query to the actor's scope. A row placed above the actor's level
 * (an institution row for a department head) is visible when it is the actor's own ancestor.
 */
export function scopeWhere(actor: Actor, cols: ScopeColumns): SQL {
  const level = scopeOf(actor);
  if (level === 'region') {
    if (cols.regionId) return eq(cols.regionId, actor.regionId);
    if (cols.institutionId)
      return inArray(cols.institutionId, sql`(select ${institutions.id} from ${institutions} where ${institutions.regionId} = ${actor.regionId})`);
    return FALSE;
  }
  const parts: SQL[] = [];
  if (cols.institutionId) parts.push(actor.institutionId ? eq(cols.institutionId, actor.institutionId) : FALSE);
  else if (cols.regionId) parts.push(eq(cols.regionId, actor.regionId));
  if (level === 'department' || level === 'self') {
    if (cols.departmentId) parts.push(actor.departmentId ? eq(cols.departmentId, actor.departmentId) : FALSE);
  }
  if (level === 'self') {
    if (cols.personId) parts.push(actor.personId ? eq(cols.personId, actor.personId) : FALSE);
    else if (!cols.departmentId && cols.institutionId) parts.push(FALSE);
  }
  return parts.length ? (and(...parts) as SQL) : FALSE;
}

/** Where a single record sits in the hierarchy. */
export interface Placement {
  regionId?: string | null;
  institutionId?: string | null;
  departmentId?: string | null;
  personId?: string | null;
}

/** True when a placed record is inside the actor's scope (same rules as scopeWhere). */
export function inScope(actor: Actor, p: Placement, regionOfInstitution?: string | null): boolean {
  const level = scopeOf(actor);
  if (level === 'region') return (p.regionId ?? regionOfInstitution) === actor.regionId;
  if (p.institutionId !== undefined) {
    if (!p.institutionId || p.institutionId !== actor.institutionId) return false;
  } else if (p.regionId !== undefined && p.regionId !== actor.regionId) return false;
  if ((level === 'department' || level === 'self') && p.departmentId !== undefined && p.departmentId !== actor.departmentId) return false;
  if (level === 'self' && p.personId !== undefined && p.personId !== actor.personId) return false;
  if (level === 'self' && p.personId === undefined && p.departmentId === undefined && p.institutionId !== undefined) return false;
  return true;
}

/** Throws 404 for a record outside the actor's scope: its existence is not revealed. */
export function assertInScope(actor: Actor, p: Placement, regionOfInstitution?: string | null): void {
  if (!inScope(actor, p, regionOfInstitution)) throw notFound();
}

/** The institution a write by this actor must land in: their own, or any of their region's for region roles. */
export function writableInstitution(actor: Actor, institutionId: string, institutionRegionId: string): void {
  if (scopeOf(actor) === 'region' ? institutionRegionId !== actor.regionId : institutionId !== actor.institutionId) throw notFound();
}
