/** The organisation module's public API for other modules, the CLI and the demo seed. */
export { listBranches, getBranch, createBranch, updateBranch } from './branches.service.ts';
export { listDepartments, getDepartment, createDepartment, updateDepartment } from './departments.service.ts';
export { DEPARTMENT_COLUMNS, INSTITUTION_COLUMNS } from './import.reference.ts';
export { STAFF_COLUMNS } from './import.staff.ts';
export { listInstitutions, getInstitution, createInstitution, updateInstitution } from './institutions.service.ts';
export { CADRE_LABELS, KIND_LABELS, LEVEL_LABELS } from './org.export.ts';
export { importOrgFile, importPeople, ORG_IMPORT_KINDS, type OrgImportKind } from './org.import.ts';
export { orgRoutes } from './org.routes.ts';
export { departments, institutions, partyBranches, people, posts, regions } from './org.tables.ts';
export { STAFF_TEMPLATE_HEADERS, staffTemplate } from './org.template.ts';
export { listPeople, getPerson, createPerson, updatePerson, revealNationalId, sealNationalId } from './people.service.ts';
export { listPosts, getPost, createPost, updatePost } from './posts.service.ts';
export { listRegions, createRegion, updateRegion } from './regions.service.ts';
export { chunks, type ColumnSpec, institutionsByCode, mayWrite, openColumns, parseBool, Problems, reasonOf } from './import.common.ts';
