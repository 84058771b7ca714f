/**
 * Institution and department filters bound to a list: region users pick the institution; department
 * choices follow it (or the user's own institution). Users scoped to one department see neither.
 */
import { useT } from '../../../lib/i18n/index.tsx';
import type { ListParams } from '../../../lib/listParams.ts';
import { useMe } from '../../../lib/session.tsx';
import { useScope } from '../../../lib/scope.ts';
import { DepartmentSelect, InstitutionSelect } from './Pickers.tsx';

/** Institution/department filters of a list. */
export function OrgFilters({ list, department = true }: { list: ListParams; department?: boolean }) {
  const t = useT();
  const me = useMe();
  const scope = useScope();
  const regionUser = scope === 'region';
  const institutionId = regionUser ? list.value('institutionId') : me.institutionId;
  return (
    <>
      {regionUser && (
        <InstitutionSelect
          aria-label={t.org.institutionFilter}
          data-testid="filter-institution"
          placeholder={t.org.allInstitutions}
          allowClear
          value={list.value('institutionId')}
          onChange={(v) => list.set({ institutionId: v, departmentId: undefined })}
        />
      )}
      {department && scope === 'institution' && institutionId && (
        <DepartmentSelect
          aria-label={t.org.departmentFilter}
          data-testid="filter-department"
          placeholder={t.org.allDepartments}
          allowClear
          institutionId={institutionId}
          value={list.value('departmentId')}
          onChange={(v) => list.set({ departmentId: v })}
        />
      )}
    </>
  );
}
