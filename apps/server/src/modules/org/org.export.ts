/** Spreadsheet exports of the organisation lists: the same filters as the list, every page, Chinese headers. */
import type { TDepartment, TInstitution, TPerson, TPost } from '@qinglian/contracts';
import { buildXlsx, type SheetColumn } from '../../platform/xlsx.ts';

export const LEVEL_LABELS: Record<TInstitution['level'], string> = { tertiary: '三级', secondary: '二级', primary: '一级' };
export const KIND_LABELS: Record<TInstitution['kind'], string> = {
  general: '综合医院',
  tcm: '中医医院',
  maternal_child: '妇幼保健院',
  specialist: '专科医院',
  primary: '基层医疗机构',
};
export const CADRE_LABELS: Record<TPost['cadreLevel'], string> = { none: '一般', middle: '中层干部', leader: '院领导' };
const yesNo = (v: boolean) => (v ? '是' : '否');
const status = (v: boolean) => (v ? '在用' : '已停用');

const institutionColumns: SheetColumn<TInstitution>[] = [
  { header: '机构编码', value: (r) => r.code },
  { header: '机构名称', width: 28, value: (r) => r.name },
  { header: '所属地区', value: (r) => r.regionName },
  { header: '等级', width: 8, value: (r) => LEVEL_LABELS[r.level] },
  { header: '类别', value: (r) => KIND_LABELS[r.kind] },
  { header: '科室数', width: 8, value: (r) => r.departmentCount },
  { header: '在职人数', width: 10, value: (r) => r.staffCount },
  { header: '状态', width: 8, value: (r) => status(r.active) },
];

const departmentColumns: SheetColumn<TDepartment>[] = [
  { header: '机构', width: 24, value: (r) => r.institutionName },
  { header: '科室编码', value: (r) => r.code },
  { header: '科室名称', width: 20, value: (r) => r.name },
  { header: '临床科室', width: 10, value: (r) => yesNo(r.clinical) },
  { header: '在职人数', width: 10, value: (r) => r.staffCount },
  { header: '状态', width: 8, value: (r) => status(r.active) },
];

const personColumns: SheetColumn<TPerson>[] = [
  { header: '工号', value: (r) => r.staffNo },
  { header: '姓名', value: (r) => r.name },
  { header: '机构', width: 24, value: (r) => r.institutionName },
  { header: '科室', width: 16, value: (r) => r.departmentName },
  { header: '职称', value: (r) => r.title },
  { header: '专业', value: (r) => r.specialty },
  { header: '手机号', value: (r) => r.phone },
  // Exports carry the masked number only; the full number is read one person at a time, with a reason.
  { header: '身份证号（脱敏）', width: 22, value: (r) => r.nationalIdMasked },
  { header: '状态', width: 8, value: (r) => status(r.active) },
];

const postColumns: SheetColumn<TPost>[] = [
  { header: '岗位', width: 20, value: (r) => r.name },
  { header: '工号', value: (r) => r.personStaffNo },
  { header: '姓名', value: (r) => r.personName },
  { header: '科室', width: 16, value: (r) => r.departmentName },
  { header: '干部层级', width: 10, value: (r) => CADRE_LABELS[r.cadreLevel] },
  { header: '关键岗位', width: 10, value: (r) => yesNo(r.keyPost) },
  { header: '任职日期', value: (r) => r.startedOn },
  { header: '离任日期', value: (r) => r.endedOn },
  { header: '状态', width: 8, value: (r) => status(r.active) },
];

/** The export file for one list: file name and workbook. */
export const exporters = {
  institutions: (rows: TInstitution[]) => buildXlsx('机构', institutionColumns, rows),
  departments: (rows: TDepartment[]) => buildXlsx('科室', departmentColumns, rows),
  people: (rows: TPerson[]) => buildXlsx('人员', personColumns, rows),
  posts: (rows: TPost[]) => buildXlsx('岗位', postColumns, rows),
};
export const EXPORT_NAMES = { institutions: '机构', departments: '科室', people: '人员', posts: '岗位' } as const;
