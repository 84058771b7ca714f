/** The synthetic hospital's vocabulary: specialties with their generics, manufacturers, distributors. */

export interface Specialty {
  code: string;
  dept: string;
  name: string;
  /** Winter factor for respiratory-like seasonal usage (1 = flat). */
  winter: number;
  generics: string[];
}

export const SPECIALTIES: Specialty[] = [
  { code: 'cardiology', dept: 'CARD', name: '心血管内科', winter: 1.1, generics: ['阿托伐他汀钙片', '氯吡格雷片', '单硝酸异山梨酯缓释片', '重组人脑利钠肽'] },
  { code: 'endocrinology', dept: 'ENDO', name: '内分泌科', winter: 1, generics: ['二甲双胍缓释片', '阿卡波糖片', '门冬胰岛素注射液', '利拉鲁肽注射液'] },
  { code: 'respiratory', dept: 'RESP', name: '呼吸内科', winter: 1.45, generics: ['头孢呋辛酯片', '莫西沙星片', '布地奈德混悬液', '乙酰半胱氨酸泡腾片'] },
  { code: 'gastroenterology', dept: 'GAST', name: '消化内科', winter: 1.05, generics: ['泮托拉唑肠溶片', '雷贝拉唑钠肠溶片', '注射用艾司奥美拉唑', '双歧杆菌三联活菌胶囊'] },
  { code: 'oncology', dept: 'ONCO', name: '肿瘤科', winter: 1, generics: ['吉非替尼片', '注射用紫杉醇', '卡培他滨片', '重组人粒细胞刺激因子'] },
  { code: 'orthopedics', dept: 'ORTH', name: '骨科', winter: 1, generics: ['塞来昔布胶囊', '骨科用接骨板', '人工膝关节假体', '可吸收缝合线'] },
];
/** The first two generics of each specialty have a VBP (集采) winner; the last two do not. */
export const VBP_GENERICS_PER_SPECIALTY = 2;

export const MANUFACTURERS = [
  '华润双鹤药业', '石药集团欧意药业', '齐鲁制药', '扬子江药业', '恒瑞医药', '正大天晴药业', '复星医药', '科伦药业',
  '信立泰药业', '豪森药业', '丽珠医药', '人福医药', '新华制药', '海正药业', '东阳光药业', '辉瑞制药', '阿斯利康制药', '诺和诺德',
];
export const DISTRIBUTORS = ['国药控股清源有限公司', '华润医药商业清源分公司', '上药控股清源有限公司', '九州通医药清源公司', '重药控股清源公司', '柳药集团清源公司', '英特药业清源公司', '瑞康医药清源公司'];

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华飞玉兰萍红鹏辉建国文斌宇浩凯晨瑶琳欣怡嘉子轩梓涵佳琪思远';
export const TITLES = ['主任医师', '副主任医师', '主治医师', '住院医师'];
