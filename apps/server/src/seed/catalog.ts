/** The demo region's institutions and department catalogue. */

export const REGION = { code: 'QY', name: '清源市' };

export interface DemoInstitution {
  code: string;
  name: string;
  level: 'tertiary' | 'secondary' | 'primary';
  kind: 'general' | 'tcm' | 'maternal_child' | 'specialist' | 'primary';
  staff: number;
  depts: string[];
}

/** dept code → [name, clinical, specialty of its doctors] */
export const DEPARTMENTS: Record<string, [string, boolean, string | null]> = {
  CARD: ['心血管内科', true, 'cardiology'],
  RESP: ['呼吸与危重症医学科', true, 'respiratory'],
  GAST: ['消化内科', true, 'gastroenterology'],
  NEUR: ['神经内科', true, 'neurology'],
  ENDO: ['内分泌科', true, 'endocrinology'],
  NEPH: ['肾内科', true, 'nephrology'],
  GSUR: ['普外科', true, 'general_surgery'],
  ORTH: ['骨科', true, 'orthopedics'],
  NSUR: ['神经外科', true, 'neurosurgery'],
  UROL: ['泌尿外科', true, 'urology'],
  OBGY: ['妇产科', true, 'obstetrics'],
  PEDI: ['儿科', true, 'pediatrics'],
  OPHT: ['眼科', true, 'ophthalmology'],
  ENT: ['耳鼻咽喉科', true, 'otolaryngology'],
  STOM: ['口腔科', true, 'stomatology'],
  DERM: ['皮肤科', true, 'dermatology'],
  EMER: ['急诊科', true, 'emergency'],
  ICU: ['重症医学科', true, 'critical_care'],
  ANES: ['麻醉科', true, 'anesthesiology'],
  ONCO: ['肿瘤科', true, 'oncology'],
  REHA: ['康复医学科', true, 'rehabilitation'],
  TCM: ['中医科', true, 'tcm'],
  ACUP: ['针灸推拿科', true, 'tcm'],
  INFE: ['感染科', true, 'infectious'],
  PSYC: ['精神科', true, 'psychiatry'],
  GP: ['全科医学科', true, 'general_practice'],
  PUBH: ['公共卫生科', true, 'public_health'],
  LAB: ['检验科', true, 'laboratory'],
  RADI: ['医学影像科', true, 'radiology'],
  PHAR: ['药剂科', false, 'pharmacy'],
  OFFI: ['院办公室', false, null],
  PART: ['党委办公室', false, null],
  DISC: ['纪检监察室', false, null],
  MED: ['医务科', false, null],
  NURS: ['护理部', false, null],
  FIN: ['财务科', false, null],
  HR: ['人事科', false, null],
  PROC: ['采购中心', false, null],
  EQUP: ['设备科', false, null],
  INFO: ['信息科', false, null],
  LOGI: ['总务科', false, null],
  INSU: ['医保办', false, null],
};

const ADMIN = ['OFFI', 'PART', 'DISC', 'MED', 'NURS', 'FIN', 'HR', 'PROC', 'EQUP', 'INFO', 'LOGI', 'INSU', 'PHAR', 'LAB', 'RADI'];
const BIG = ['CARD', 'RESP', 'GAST', 'NEUR', 'ENDO', 'NEPH', 'GSUR', 'ORTH', 'NSUR', 'UROL', 'OBGY', 'PEDI', 'OPHT', 'ENT', 'EMER', 'ICU', 'ANES', 'ONCO', 'REHA'];

export const INSTITUTIONS: DemoInstitution[] = [
  { code: 'QY001', name: '清源市人民医院', level: 'tertiary', kind: 'general', staff: 190, depts: [...BIG, 'STOM', 'DERM', 'INFE', 'TCM', ...ADMIN] },
  { code: 'QY002', name: '清源市中医院', level: 'tertiary', kind: 'tcm', staff: 110, depts: ['TCM', 'ACUP', 'CARD', 'RESP', 'GAST', 'ORTH', 'GSUR', 'OBGY', 'PEDI', 'REHA', 'EMER', ...ADMIN] },
  { code: 'QY003', name: '清源市妇幼保健院', level: 'tertiary', kind: 'maternal_child', staff: 80, depts: ['OBGY', 'PEDI', 'GSUR', 'ANES', 'EMER', ...ADMIN] },
  { code: 'QY004', name: '清源市第二人民医院', level: 'secondary', kind: 'general', staff: 75, depts: ['CARD', 'RESP', 'GAST', 'GSUR', 'ORTH', 'OBGY', 'PEDI', 'EMER', ...ADMIN] },
  { code: 'QY005', name: '清源市第三人民医院', level: 'secondary', kind: 'specialist', staff: 45, depts: ['PSYC', 'NEUR', 'REHA', 'OFFI', 'PART', 'DISC', 'MED', 'NURS', 'FIN', 'PHAR', 'PROC'] },
  { code: 'QY006', name: '清源市肿瘤医院', level: 'tertiary', kind: 'specialist', staff: 60, depts: ['ONCO', 'GSUR', 'RESP', 'RADI', 'ANES', 'OFFI', 'PART', 'DISC', 'MED', 'NURS', 'FIN', 'PHAR', 'PROC', 'EQUP', 'LAB'] },
  { code: 'QY007', name: '清源市口腔医院', level: 'secondary', kind: 'specialist', staff: 30, depts: ['STOM', 'OFFI', 'DISC', 'NURS', 'FIN', 'PROC', 'PHAR'] },
  { code: 'QY008', name: '清源市传染病医院', level: 'secondary', kind: 'specialist', staff: 35, depts: ['INFE', 'RESP', 'ICU', 'LAB', 'OFFI', 'DISC', 'MED', 'NURS', 'FIN', 'PHAR', 'PROC'] },
  { code: 'QY009', name: '松阳县人民医院', level: 'secondary', kind: 'general', staff: 70, depts: ['CARD', 'RESP', 'GAST', 'GSUR', 'ORTH', 'OBGY', 'PEDI', 'EMER', 'OPHT', ...ADMIN] },
  { code: 'QY010', name: '松阳县中医院', level: 'secondary', kind: 'tcm', staff: 40, depts: ['TCM', 'ACUP', 'ORTH', 'REHA', 'GSUR', 'OFFI', 'DISC', 'MED', 'NURS', 'FIN', 'PHAR', 'PROC'] },
  { code: 'QY011', name: '清源市莲都区社区卫生服务中心', level: 'primary', kind: 'primary', staff: 35, depts: ['GP', 'PUBH', 'TCM', 'STOM', 'OFFI', 'DISC', 'FIN', 'PHAR'] },
  { code: 'QY012', name: '松阳县西屏镇卫生院', level: 'primary', kind: 'primary', staff: 25, depts: ['GP', 'PUBH', 'TCM', 'OFFI', 'FIN', 'PHAR'] },
];

export const DOCTOR_TITLES = ['主任医师', '副主任医师', '主治医师', '住院医师', '主任医师', '主治医师', '住院医师'];
export const NURSE_TITLES = ['主任护师', '副主任护师', '主管护师', '护师', '护士'];
export const ADMIN_TITLES = ['高级经济师', '经济师', '会计师', '助理会计师', '工程师', '科员', '副研究员'];
export const TECH_TITLES = ['主任药师', '副主任药师', '主管药师', '药师', '主管技师', '技师'];
