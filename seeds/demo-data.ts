import type { TenantKind, UserRole } from '../schema/db/tenancy.js';

/**
 * The Chongqing demo: deterministic content (names, slugs, division codes from
 * shared/data/chongqing-divisions.json), fictional institutions and people. Written through the
 * server's commands by seeds/demo.ts.
 */
export const DEMO_PASSWORD = 'tianping-demo';

export interface DemoTenant {
  slug: string;
  parent: string | null;
  kind: TenantKind;
  name: string;
  nameEn: string;
  divisionCode?: string;
  address?: string;
  phone?: string;
  officeHours?: string;
  statutoryDuties?: string;
  introduction?: string;
}

const HOURS = '周一至周五 9:00-12:00，14:00-17:30（法定节假日除外）';

const district = (slug: string, code: string, name: string, en: string, address: string, phone: string): DemoTenant => ({
  slug,
  parent: 'cq',
  kind: 'DISTRICT_BUREAU',
  name: `重庆市${name}司法局`,
  nameEn: `${en} District Justice Bureau`,
  divisionCode: code,
  address,
  phone,
  officeHours: HOURS,
  statutoryDuties: '负责本区公共法律服务体系建设，指导司法所、人民调解、法律援助和法治宣传工作。',
  introduction: `${name}公共法律服务中心提供法律咨询、法律援助、人民调解、公证等一站式服务。`,
});

const office = (parent: string, slug: string, name: string, en: string, code: string): DemoTenant => ({
  slug,
  parent,
  kind: 'JUDICIAL_OFFICE',
  name,
  nameEn: en,
  divisionCode: code,
  officeHours: HOURS,
  statutoryDuties: '指导人民调解，开展法治宣传，提供基层公共法律服务。',
});

export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    slug: 'cq',
    parent: null,
    kind: 'MUNICIPAL_BUREAU',
    name: '重庆市司法局',
    nameEn: 'Chongqing Municipal Justice Bureau',
    divisionCode: '500000',
    address: '重庆市渝北区龙塔街道黄龙路4号（邮编 401147）',
    phone: '023-12348',
    officeHours: HOURS,
    statutoryDuties: '统筹全市公共法律服务体系建设，制定工作规范，监督指导各区县及法律服务机构。',
    introduction: '重庆市公共法律服务平台，实体、热线、网络三大平台融合，一站式受理，全流程监督。',
  },
  {
    slug: 'cq-12348',
    parent: 'cq',
    kind: 'HOTLINE_CENTER',
    name: '重庆市12348公共法律服务热线中心',
    nameEn: 'Chongqing 12348 Public Legal Service Hotline Centre',
    divisionCode: '500000',
    phone: '12348',
    officeHours: '7×24小时',
    statutoryDuties: '受理全市12348热线法律咨询，转办、交办并跟踪反馈。',
  },
  district('yuzhong', '500103', '渝中区', 'Yuzhong', '重庆市渝中区解放碑街道民族路1号', '023-63700001'),
  office('yuzhong', 'yuzhong-jiefangbei', '渝中区解放碑司法所', 'Jiefangbei Judicial Office', '500103'),
  office('yuzhong', 'yuzhong-qixinggang', '渝中区七星岗司法所', 'Qixinggang Judicial Office', '500103'),
  office('yuzhong', 'yuzhong-shangqingsi', '渝中区上清寺司法所', 'Shangqingsi Judicial Office', '500103'),
  { slug: 'yuzhong-legal-aid', parent: 'yuzhong', kind: 'LEGAL_AID_CENTER', name: '渝中区法律援助中心', nameEn: 'Yuzhong Legal Aid Centre', divisionCode: '500103', phone: '023-63700348' },
  { slug: 'yuzhong-notary', parent: 'yuzhong', kind: 'NOTARY_OFFICE', name: '重庆市渝中公证处', nameEn: 'Yuzhong Notary Office', divisionCode: '500103' },
  { slug: 'zhengyan-law', parent: 'yuzhong', kind: 'LAW_FIRM', name: '重庆正言律师事务所', nameEn: 'Zhengyan Law Firm', divisionCode: '500103' },

  district('jiangbei', '500105', '江北区', 'Jiangbei', '重庆市江北区观音桥街道建新北路2号', '023-67800001'),
  office('jiangbei', 'jiangbei-guanyinqiao', '江北区观音桥司法所', 'Guanyinqiao Judicial Office', '500105'),
  office('jiangbei', 'jiangbei-shimahe', '江北区石马河司法所', 'Shimahe Judicial Office', '500105'),
  { slug: 'jiangbei-legal-aid', parent: 'jiangbei', kind: 'LEGAL_AID_CENTER', name: '江北区法律援助中心', nameEn: 'Jiangbei Legal Aid Centre', divisionCode: '500105' },

  district('yubei', '500112', '渝北区', 'Yubei', '重庆市渝北区双龙湖街道龙湖路3号', '023-67800112'),
  office('yubei', 'yubei-longxi', '渝北区龙溪司法所', 'Longxi Judicial Office', '500112'),
  office('yubei', 'yubei-longshan', '渝北区龙山司法所', 'Longshan Judicial Office', '500112'),
  office('yubei', 'yubei-shuanglonghu', '渝北区双龙湖司法所', 'Shuanglonghu Judicial Office', '500112'),
  { slug: 'yubei-legal-aid', parent: 'yubei', kind: 'LEGAL_AID_CENTER', name: '渝北区法律援助中心', nameEn: 'Yubei Legal Aid Centre', divisionCode: '500112', phone: '023-67800348' },
  { slug: 'yubei-notary', parent: 'yubei', kind: 'NOTARY_OFFICE', name: '重庆市渝北公证处', nameEn: 'Yubei Notary Office', divisionCode: '500112' },
  { slug: 'mingli-law', parent: 'yubei', kind: 'LAW_FIRM', name: '重庆两江明理律师事务所', nameEn: 'Liangjiang Mingli Law Firm', divisionCode: '500112' },
  { slug: 'yubei-longxi-mediation', parent: 'yubei-longxi', kind: 'MEDIATION_COMMITTEE', name: '龙溪街道人民调解委员会', nameEn: 'Longxi People’s Mediation Committee', divisionCode: '500112' },

  district('shapingba', '500106', '沙坪坝区', 'Shapingba', '重庆市沙坪坝区小龙坎街道正街5号', '023-65300001'),
  office('shapingba', 'shapingba-xiaolongkan', '沙坪坝区小龙坎司法所', 'Xiaolongkan Judicial Office', '500106'),
  office('shapingba', 'shapingba-yubeilu', '沙坪坝区渝碚路司法所', 'Yubeilu Judicial Office', '500106'),
  { slug: 'shapingba-legal-aid', parent: 'shapingba', kind: 'LEGAL_AID_CENTER', name: '沙坪坝区法律援助中心', nameEn: 'Shapingba Legal Aid Centre', divisionCode: '500106' },
  { slug: 'shapingba-appraisal', parent: 'shapingba', kind: 'APPRAISAL_INSTITUTION', name: '沙坪坝司法鉴定所', nameEn: 'Shapingba Forensic Appraisal Institute', divisionCode: '500106' },

  district('jiulongpo', '500107', '九龙坡区', 'Jiulongpo', '重庆市九龙坡区杨家坪街道西郊路6号', '023-68700001'),
  office('jiulongpo', 'jiulongpo-yangjiaping', '九龙坡区杨家坪司法所', 'Yangjiaping Judicial Office', '500107'),
  office('jiulongpo', 'jiulongpo-shiqiaopu', '九龙坡区石桥铺司法所', 'Shiqiaopu Judicial Office', '500107'),
  { slug: 'jiulongpo-legal-aid', parent: 'jiulongpo', kind: 'LEGAL_AID_CENTER', name: '九龙坡区法律援助中心', nameEn: 'Jiulongpo Legal Aid Centre', divisionCode: '500107' },
  { slug: 'jiulongpo-law', parent: 'jiulongpo', kind: 'LAW_FIRM', name: '重庆九龙坡坦诚律师事务所', nameEn: 'Jiulongpo Tancheng Law Firm', divisionCode: '500107' },
];

export interface DemoUser {
  username: string;
  tenant: string;
  roles: UserRole[];
  displayName: string;
  phone?: string;
}

/** Listed in the README; all sign in with DEMO_PASSWORD. The first is the root admin. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'city.admin', tenant: 'cq', roles: ['ADMIN'], displayName: '市局管理员 陈明', phone: '13800000001' },
  { username: 'city.supervisor', tenant: 'cq', roles: ['SUPERVISOR'], displayName: '市局督办 李静', phone: '13800000002' },
  { username: 'hotline.staff', tenant: 'cq-12348', roles: ['STAFF'], displayName: '热线接线员 王芳', phone: '13800000003' },
  { username: 'hotline.supervisor', tenant: 'cq-12348', roles: ['SUPERVISOR', 'STAFF'], displayName: '热线班长 赵磊' },
  { username: 'yubei.admin', tenant: 'yubei', roles: ['ADMIN'], displayName: '渝北管理员 刘洋', phone: '13800000112' },
  { username: 'yubei.supervisor', tenant: 'yubei', roles: ['SUPERVISOR'], displayName: '渝北督办 周敏' },
  { username: 'yubei.staff', tenant: 'yubei', roles: ['STAFF'], displayName: '渝北窗口 吴婷', phone: '13800000113' },
  { username: 'longxi.staff', tenant: 'yubei-longxi', roles: ['STAFF'], displayName: '龙溪司法所 郑强' },
  { username: 'yubei.legalaid.staff', tenant: 'yubei-legal-aid', roles: ['STAFF'], displayName: '渝北法援 孙丽' },
  { username: 'mingli.lawyer', tenant: 'mingli-law', roles: ['ADMIN', 'STAFF'], displayName: '明理律所 钱律师' },
  { username: 'yuzhong.admin', tenant: 'yuzhong', roles: ['ADMIN'], displayName: '渝中管理员 何军', phone: '13800000103' },
  { username: 'yuzhong.staff', tenant: 'yuzhong', roles: ['STAFF'], displayName: '渝中窗口 高雪' },
  { username: 'jiefangbei.staff', tenant: 'yuzhong-jiefangbei', roles: ['STAFF'], displayName: '解放碑司法所 马超' },
  { username: 'jiangbei.admin', tenant: 'jiangbei', roles: ['ADMIN', 'SUPERVISOR'], displayName: '江北管理员 林峰' },
  { username: 'shapingba.admin', tenant: 'shapingba', roles: ['ADMIN', 'SUPERVISOR'], displayName: '沙坪坝管理员 罗娜' },
  { username: 'jiulongpo.admin', tenant: 'jiulongpo', roles: ['ADMIN', 'SUPERVISOR'], displayName: '九龙坡管理员 梁宇' },
];
