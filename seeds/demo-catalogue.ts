import type { FormFieldData, ServiceItemContent } from '../schema/db/catalogue.js';
import type { CommitmentMetric, ResponseTimeDefaults } from '../schema/db/disclosure.js';

/**
 * The Chongqing demo catalogue (DESIGN.md "Low-code service catalogue", "Commitments", "Phrase
 * library"): the municipal bureau's service-item templates, each tenant's items, commitments and
 * the starting phrase library. Plain data; seeds/demo.ts writes it through the server's commands,
 * so every item passes parseServiceItemContent and every public text the forbidden-phrase check.
 *
 * Legal sources are real Chinese laws, regulations and Ministry of Justice rules. An article number
 * is cited only where we are sure of it; otherwise the instrument is cited without one.
 *
 * "statutoryLimit" is the limit set by law where one exists (Notarisation Law Art. 30: 15 working
 * days; Legal Aid Law Art. 43: 7 days; Judicial Appraisal General Rules Art. 28: 30 working days;
 * People's Mediation Several Provisions Art. 33: "generally within one month"). Where no statute
 * fixes one (consultations, lawyer guidance, legal education, law-firm intake) it is the municipal
 * bureau's specification default, and the comment on the item says so. Stage budgets are internal
 * working-day targets within the committed limit.
 */

// ---------------------------------------------------------------------------------------------
// Builders: keep the data compact; they produce exactly the stored shapes.
// ---------------------------------------------------------------------------------------------

type Opt = readonly [value: string, label: string];
const options = (o: readonly Opt[]) => o.map(([value, label]) => ({ value, label }));
const help = (helpText?: string) => (helpText ? { helpText } : {});

const f = {
  text: (key: string, label: string, required: boolean, maxLength: number, helpText?: string): FormFieldData => ({ key, label, type: 'TEXT', required, config: { maxLength }, ...help(helpText) }),
  long: (key: string, label: string, required: boolean, maxLength: number, helpText?: string): FormFieldData => ({ key, label, type: 'LONG_TEXT', required, config: { maxLength }, ...help(helpText) }),
  number: (key: string, label: string, required: boolean, min: number, max: number, integer: boolean, helpText?: string): FormFieldData => ({ key, label, type: 'NUMBER', required, config: { min, max, integer }, ...help(helpText) }),
  date: (key: string, label: string, required: boolean, notInFuture: boolean, helpText?: string): FormFieldData => ({ key, label, type: 'DATE', required, config: { notInFuture }, ...help(helpText) }),
  select: (key: string, label: string, required: boolean, o: readonly Opt[], helpText?: string): FormFieldData => ({ key, label, type: 'SELECT', required, config: { options: options(o) }, ...help(helpText) }),
  multi: (key: string, label: string, required: boolean, o: readonly Opt[], helpText?: string): FormFieldData => ({ key, label, type: 'MULTI_SELECT', required, config: { options: options(o) }, ...help(helpText) }),
  yesNo: (key: string, label: string, required: boolean, helpText?: string): FormFieldData => ({ key, label, type: 'YES_NO', required, config: {}, ...help(helpText) }),
  phone: (key: string, label: string, required: boolean, helpText?: string): FormFieldData => ({ key, label, type: 'PHONE', required, config: {}, ...help(helpText) }),
  residentId: (key: string, label: string, required: boolean, helpText?: string): FormFieldData => ({ key, label, type: 'RESIDENT_ID', required, config: {}, ...help(helpText) }),
};

const steps = (s: readonly (readonly [title: string, description: string])[]) => s.map(([title, description]) => ({ title, description }));
const mat = (key: string, name: string, required: boolean, note?: string) => ({ key, name, required, ...(note ? { note } : {}) });
const stage = (key: string, name: string, budgetWorkingDays: number) => ({ key, name, budgetWorkingDays });
const hours = (amount: number) => ({ unit: 'HOURS' as const, amount });
const workingDays = (amount: number) => ({ unit: 'WORKING_DAYS' as const, amount });
const calendarDays = (amount: number) => ({ unit: 'CALENDAR_DAYS' as const, amount });

// Shared fields. Protected groups (elderly, disabled, minors, migrant workers' wage claims) raise
// priority (DESIGN.md "Case"); every form that asks uses the same key and values.
const SPECIAL_GROUPS: readonly Opt[] = [['elderly', '老年人'], ['disabled', '残疾人'], ['minor', '未成年人'], ['migrant_wage', '农民工讨薪']];
const specialGroups = () => f.multi('special_groups', '是否属于特殊群体', false, SPECIAL_GROUPS, '属于以上群体的，依法优先受理、优先办理');
const applicant = (label = '申请人姓名') => [
  f.text('applicant_name', label, true, 50),
  f.residentId('id_number', '公民身份号码', true, '仅用于核实身份，依法保护个人信息'),
  f.phone('mobile', '联系电话', true, '请填写本人手机号码，用于告知办理进度'),
];
const LEGAL_AREAS: readonly Opt[] = [
  ['marriage_family', '婚姻家庭继承'], ['labor', '劳动争议'], ['contract', '合同债务'], ['property', '房产物业'],
  ['traffic', '交通事故'], ['tort', '人身损害赔偿'], ['criminal', '刑事'], ['administrative', '行政'], ['other', '其他'],
];
const USE_PLACE: readonly Opt[] = [['domestic', '中国境内'], ['hk_mo_tw', '香港、澳门、台湾地区'], ['abroad', '外国']];
const FREE = '免费。';

// ---------------------------------------------------------------------------------------------
// Templates: the municipal bureau's standard items, published for other tenants to adopt.
// ---------------------------------------------------------------------------------------------

/** Walk-in, hotline and online legal consultation (Art. 9). No statute sets a limit: 24 hours is
 * the bureau's specification default (the national 12348 guidance answers left messages within
 * 24 h); the committed 8 hours covers questions that need looking up or a colleague's view. */
const TPL_CONSULT: ServiceItemContent = {
  code: 'TPL-CONSULT',
  name: '法律咨询',
  category: 'CONSULTATION',
  legalBasis:
    '《中华人民共和国法律援助法》第二十二条（法律咨询是法律援助服务形式之一）；中共中央办公厅、国务院办公厅《关于加快推进公共法律服务体系建设的意见》（2019年）；重庆市司法局《公共法律服务工作规范（试行）》第九条（咨询解答）、第二十一条（响应时限）。',
  conditions: '自然人、法人和其他组织就法律问题、法律服务政策、办事程序等提出咨询的，均可通过窗口、12348热线、网站、APP或微信公众号咨询。咨询不设经济条件限制。',
  procedure: steps([
    ['登记', '接待人员登记咨询人联系方式和咨询事项；咨询人不愿提供身份信息的，可匿名咨询。'],
    ['倾听与询问', '听取陈述、查看材料、询问相关情况，确认咨询人的真实诉求。'],
    ['解答', '能够当场解答的当场解答，告知相关法律规定、办理程序和救济途径；疑难问题约定时间答复。'],
    ['风险提示', '对法律问题作出风险提示，建议咨询人在采取法律行动前进一步咨询专业人员。'],
    ['引导或转介', '需要办理法律援助、公证、调解等事项的，引导办理；不属于本单位职责的，告知有权处理的单位和渠道。'],
  ]),
  rightsAndObligations:
    '咨询人有权获得及时、准确、免费的解答，有权要求对个人信息和隐私保密，有权对服务进行评价和投诉。咨询人应当如实陈述事实、提供相关材料，遵守服务场所秩序。咨询意见不代替法院、仲裁机构的裁判。',
  fee: FREE,
  results: '当场口头解答或约定时间书面（短信、网上回复）答复，答复载明所依据的法律规定和风险提示；需要办理的事项给予引导或转介。',
  statutoryLimit: hours(24),
  committedLimit: hours(8),
  channels: ['ONSITE', 'HOTLINE', 'ONLINE', 'MESSAGE', 'APP', 'WECHAT'],
  materials: [
    mat('identity', '身份证件', false, '匿名咨询可不提供'),
    mat('related_docs', '与咨询事项有关的合同、票据、通知书等材料', false, '有则提供，便于准确解答'),
  ],
  form: {
    fields: [
      f.text('applicant_name', '咨询人姓名', false, 50, '可匿名'),
      f.phone('mobile', '联系电话', false, '需要约定时间答复的请填写'),
      f.select('consult_type', '咨询类别', true, LEGAL_AREAS),
      specialGroups(),
      f.long('question', '咨询问题', true, 2000, '请简要说明事情经过和您想了解的问题'),
      f.yesNo('needs_appointment', '是否需要约定时间答复', false),
    ],
  },
  stages: [],
};

/** Legal Aid Law Art. 43: decide within 7 days of receiving the application and, if granted,
 * appoint within 3 days of the decision. The law counts days, not working days, so the limit is
 * 7 CALENDAR_DAYS and covers the decision; the appointment follows as the last procedure step.
 * The bureau commits to 5 days. Time spent supplying missing materials is not counted (paused). */
const TPL_LEGAL_AID: ServiceItemContent = {
  code: 'TPL-LEGAL-AID',
  name: '法律援助申请',
  category: 'LEGAL_AID',
  legalBasis:
    '《中华人民共和国法律援助法》（2021年）第三十一条（民事、行政法律援助事项范围）、第三十二条（不受经济困难条件限制的情形）、第三十八条（向哪一法律援助机构申请）、第四十一条（如实说明经济困难状况）、第四十二条（免予核查经济困难状况的人员）、第四十三条（七日内审查决定；三日内指派；材料不齐全的一次性告知）、第四十九条（对不予法律援助决定的异议）；司法部《办理法律援助案件程序规定》。',
  conditions:
    '经济困难或者符合法律规定的其他条件，且所申请事项属于法律援助范围（如请求支付劳动报酬、给付赡养费抚养费扶养费、工伤或交通事故人身损害赔偿、社会保险待遇等）。诉讼事项向办案机关所在地、非诉讼事项向争议处理机关所在地或事由发生地的法律援助机构申请。无固定生活来源的未成年人、老年人、残疾人，社会救助、司法救助或优抚对象，申请支付劳动报酬或工伤人身损害赔偿的进城务工人员，免予核查经济困难状况。',
  procedure: steps([
    ['申请', '申请人到窗口或通过网上平台填写申请表，提交身份证明、经济困难状况说明（或个人诚信承诺）和案件材料。'],
    ['受理与一次性告知', '材料齐全的当场受理；材料不齐全的，一次性告知需要补充的全部材料，补充期间不计入审查期限。'],
    ['审查决定', '自收到申请之日起七日内审查，作出给予或者不予法律援助的决定；不予援助的书面告知理由。'],
    ['指派', '决定给予法律援助的，自决定之日起三日内指派律师或法律援助机构工作人员，并告知受援人。'],
    ['异议', '对不予法律援助决定有异议的，可以向设立该法律援助机构的司法行政部门提出。'],
  ]),
  rightsAndObligations:
    '申请人有权获得免费的法律援助服务，有权了解办理进度，对不予援助决定可以提出异议，法律援助人员未依法履职的可以投诉并请求更换。申请人应当如实说明经济困难状况和案件情况、及时提供证据材料、配合办理；以欺骗等不正当手段获得法律援助或者隐瞒重要事实的，法律援助将被终止。',
  fee: '免费。法律援助机构和法律援助人员不向受援人收取任何费用。',
  results: '《给予法律援助决定书》（并指派法律援助人员）或《不予法律援助决定书》（载明理由和异议途径）。',
  statutoryLimit: calendarDays(7),
  committedLimit: calendarDays(5),
  channels: ['ONSITE', 'ONLINE', 'APP', 'WECHAT'],
  materials: [
    mat('identity', '申请人身份证明', true, '居民身份证或户口簿'),
    mat('agent_proof', '代理人身份证明及代理权证明', false, '由法定代理人或近亲属代为申请时提供'),
    mat('hardship', '经济困难状况说明表或个人诚信承诺书', true, '属于免予核查情形的，提供相应证明材料代替'),
    mat('case_docs', '与所申请法律援助事项有关的材料', true, '如劳动合同、工资欠条、起诉状、诊断证明、判决书等'),
  ],
  form: {
    fields: [
      ...applicant(),
      f.text('address', '户籍地或经常居住地', true, 100),
      f.select('matter_type', '申请事项', true, [
        ['labor_pay', '请求确认劳动关系或支付劳动报酬'], ['work_injury', '工伤事故人身损害赔偿'], ['traffic', '交通事故人身损害赔偿'],
        ['medical', '医疗事故人身损害赔偿'], ['support', '请求给付赡养费、抚养费、扶养费'], ['social_insurance', '社会保险待遇或社会救助'],
        ['state_compensation', '国家赔偿'], ['criminal', '刑事辩护或代理'], ['other', '其他'],
      ]),
      specialGroups(),
      f.select('hardship_basis', '经济困难状况说明方式', true, [
        ['pledge', '个人诚信承诺'], ['assistance', '低保、特困等社会救助对象证明'], ['exempt', '属于免予核查经济困难状况的人员'],
      ]),
      f.number('household_size', '家庭人口（人）', false, 1, 20, true),
      f.number('monthly_income', '家庭月人均收入（元）', false, 0, 100000, false),
      f.select('case_stage', '案件所处阶段', true, [
        ['not_filed', '尚未起诉或申请仲裁'], ['arbitration', '仲裁中'], ['first_instance', '一审'], ['second_instance', '二审'], ['enforcement', '执行'],
      ]),
      f.text('opponent', '对方当事人（单位或个人）', false, 100),
      f.yesNo('has_agent', '是否已委托律师或其他代理人', true),
      f.long('facts', '案情及申请理由', true, 3000),
    ],
  },
  stages: [stage('accept', '受理登记', 1), stage('review', '审查决定', 2)],
};

/** People's Mediation Law; MoJ Several Provisions on People's Mediation Work Art. 33: generally
 * concluded within one month, taken as 30 calendar days; the bureau commits to 20. */
const TPL_MEDIATION: ServiceItemContent = {
  code: 'TPL-MEDIATION',
  name: '人民调解',
  category: 'MEDIATION',
  legalBasis:
    '《中华人民共和国人民调解法》第四条（不收取任何费用）、第十七条（当事人申请调解；一方明确拒绝的，不得调解）、第二十三条（当事人的权利）、第二十四条（当事人的义务）、第二十六条（调解不成的，告知其他救济途径）、第二十八条至第三十一条（调解协议及其效力）、第三十三条（三十日内共同申请司法确认）；司法部《人民调解工作若干规定》第三十三条（一般在一个月内调结）。',
  conditions: '公民之间、公民与法人和其他组织之间发生的婚姻家庭、邻里、房屋宅基地、损害赔偿、合同债务等民间纠纷；双方自愿接受调解。人民法院、公安机关或者其他行政机关已经受理或者解决的纠纷，不予受理。',
  procedure: steps([
    ['申请与受理', '当事人口头或书面申请，调委会审查后受理；调解员也可以主动调解，但一方明确拒绝的不得调解。'],
    ['告知', '调解前告知人民调解的性质、原则、效力及当事人的权利义务。'],
    ['调查', '了解纠纷事实，听取双方陈述，必要时走访、邀请有关单位和个人参加。'],
    ['调解', '在查明事实、分清是非的基础上，促使双方平等协商、互谅互让。'],
    ['调解协议', '达成协议的制作调解协议书；可以自协议生效之日起三十日内共同向人民法院申请司法确认。'],
    ['终止与回访', '调解不成的终止调解，告知可以通过仲裁、行政、司法等途径维护权利；达成协议的回访履行情况。'],
  ]),
  rightsAndObligations:
    '当事人有权选择或者接受人民调解员，有权接受、拒绝调解或者要求终止调解，有权要求调解公开或者不公开进行，自主表达意愿、自愿达成调解协议。当事人应当如实陈述纠纷事实，遵守调解现场秩序、尊重人民调解员，尊重对方当事人行使权利。',
  fee: '免费（《中华人民共和国人民调解法》第四条）。',
  results: '人民调解协议书或口头协议记录；调解不成的，出具终止调解告知并指引其他救济途径。',
  statutoryLimit: calendarDays(30),
  committedLimit: calendarDays(20),
  channels: ['ONSITE', 'HOTLINE', 'ONLINE', 'WECHAT'],
  materials: [
    mat('identity', '申请人身份证件', true),
    mat('other_party', '对方当事人的姓名（名称）、联系方式和地址', true, '用于通知对方参加调解'),
    mat('evidence', '与纠纷有关的证据材料', false, '如合同、票据、照片、聊天记录等'),
  ],
  form: {
    fields: [
      ...applicant(),
      f.select('dispute_type', '纠纷类型', true, [
        ['neighbor', '邻里纠纷'], ['family', '婚姻家庭纠纷'], ['homestead', '房屋宅基地纠纷'], ['damages', '损害赔偿纠纷'],
        ['debt', '合同债务纠纷'], ['property_service', '物业纠纷'], ['labor', '劳动纠纷'], ['other', '其他'],
      ]),
      f.text('other_party', '对方当事人（姓名或名称）', true, 100),
      f.yesNo('other_party_willing', '对方是否同意调解', false, '不清楚的可不填，调解员会征求对方意见'),
      f.date('occurred_on', '纠纷发生日期', false, true),
      f.number('amount', '争议金额（元）', false, 0, 100000000, false),
      f.yesNo('filed_elsewhere', '是否已向法院起诉或申请仲裁', true),
      specialGroups(),
      f.long('request', '纠纷经过及调解请求', true, 3000),
    ],
  },
  stages: [stage('accept', '受理', 1), stage('investigate', '调查了解', 5), stage('mediate', '组织调解', 8)],
};

/** Notarisation Law Art. 30: certificate within 15 working days of accepting the application
 * (supplementing materials and verification not counted). The bureau commits to 10. */
const TPL_NOTARY: ServiceItemContent = {
  code: 'TPL-NOTARY',
  name: '公证申请',
  category: 'NOTARY',
  legalBasis:
    '《中华人民共和国公证法》第十一条（公证事项）、第二十五条（向哪一公证机构申请）、第二十六条（可以委托他人办理，遗嘱、生存、收养关系等应当由本人办理的除外）、第二十七条（如实说明、提供材料；告知法律意义和后果）、第二十八条（审查事项）、第三十条（十五个工作日内出具公证书）、第三十四条（公证费及对法律援助对象的减免）、第三十九条（复查）；司法部《公证程序规则》。',
  conditions: '申请公证的事项属于公证事项范围且真实、合法；向住所地、经常居住地、行为地或者事实发生地的公证机构申请，涉及不动产的向不动产所在地公证机构申请。',
  procedure: steps([
    ['申请', '填写公证申请表，提交身份证明和与公证事项有关的证明材料。'],
    ['受理', '符合条件的予以受理并告知申请公证事项的法律意义和可能产生的法律后果；材料不齐全的一次性告知需要补充的全部材料。'],
    ['审查核实', '公证员审查当事人身份、材料的真实性合法性，必要时进行核实。'],
    ['出具公证书', '审查通过的，自受理之日起十五个工作日内出具公证书；补充材料和核实所需时间不计入。'],
    ['领取', '当事人凭受理凭证领取公证书，也可选择邮寄。'],
  ]),
  rightsAndObligations:
    '当事人有权了解办证程序、收费标准和办理进度，有权申请回避，认为公证书有错误的可以向出具公证书的公证机构申请复查。当事人应当如实说明情况，提供真实、合法、充分的证明材料；提供虚假材料骗取公证书的，依法承担法律责任。',
  fee: '按照重庆市公证服务收费有关规定收取，收费项目和标准在受理场所公示；符合法律援助条件的当事人依法减免（《中华人民共和国公证法》第三十四条）。',
  results: '公证书；不予办理或者终止公证的，出具书面决定并说明理由。',
  statutoryLimit: workingDays(15),
  committedLimit: workingDays(10),
  channels: ['ONSITE', 'ONLINE', 'APP'],
  materials: [
    mat('identity', '申请人身份证明', true, '居民身份证；法人和其他组织提供营业执照和负责人身份证明'),
    mat('agent_proof', '代理人身份证明及授权委托书', false, '委托他人代为申请时提供'),
    mat('matter_docs', '与公证事项有关的证明材料', true, '根据公证事项不同而不同，受理时一次性告知'),
  ],
  form: {
    fields: [
      ...applicant(),
      f.select('notary_matter', '公证事项', true, [
        ['entrust', '委托'], ['statement', '声明'], ['inheritance', '继承'], ['gift', '赠与'], ['will', '遗嘱'],
        ['education', '学历学位'], ['kinship', '亲属关系'], ['no_criminal_record', '有无违法犯罪记录'], ['evidence', '保全证据'],
        ['contract', '合同'], ['other', '其他'],
      ]),
      f.select('use_place', '公证书使用地', true, USE_PLACE),
      f.text('use_country', '使用国家或地区', false, 50, '在境外使用的请填写'),
      f.number('copies', '所需公证书份数', true, 1, 20, true),
      f.yesNo('needs_translation', '是否需要译文', false),
      f.long('description', '申请事项说明', false, 2000),
    ],
  },
  stages: [stage('accept', '受理', 1), stage('review', '审查核实', 6), stage('issue', '审批出证', 3)],
};

/** Judicial Appraisal General Rules (2016) Art. 28: 30 working days from the commission taking
 * effect (extendable with approval; supplementing materials not counted). Committed 20. */
const TPL_APPRAISAL: ServiceItemContent = {
  code: 'TPL-APPRAISAL',
  name: '司法鉴定委托',
  category: 'APPRAISAL',
  legalBasis:
    '《全国人民代表大会常务委员会关于司法鉴定管理问题的决定》（2005年）；司法部《司法鉴定程序通则》（2016年）第十五条（即时或者七个工作日内作出是否受理的决定）、第二十八条（自委托书生效之日起三十个工作日内完成鉴定，补充或者重新提取材料的时间不计入）。',
  conditions: '由办案机关或者依法可以委托的当事人委托；鉴定事项属于本机构业务范围，鉴定材料真实、完整、充分，鉴定要求合法，具备鉴定条件。',
  procedure: steps([
    ['委托', '委托人提交委托书和鉴定材料；能够即时决定受理的即时受理，否则在七个工作日内决定并通知委托人。'],
    ['签订委托书', '受理后与委托人签订司法鉴定委托书，明确鉴定事项、用途、时限和费用。'],
    ['检验鉴定', '指定两名以上司法鉴定人，依照技术规范检验、检查，必要时通知被鉴定人到场。'],
    ['复核签发', '对鉴定过程和结论进行复核，出具司法鉴定意见书。'],
    ['送达', '按约定方式将意见书送达委托人。'],
  ]),
  rightsAndObligations:
    '委托人有权了解鉴定程序、收费和进度，有权依法申请鉴定人回避，对鉴定意见有异议的可以依法申请补充鉴定或者重新鉴定。委托人应当提供真实、完整、充分的鉴定材料并对其真实性、合法性负责，按约定支付鉴定费，不得要求或者暗示鉴定人按其意图出具意见。',
  fee: '按照重庆市司法鉴定收费有关规定收取，收费项目和标准在受理场所公示；法律援助受援人可以依法申请免收或者减收鉴定费。',
  results: '司法鉴定意见书；不予受理或者终止鉴定的，书面说明理由并退还材料。',
  statutoryLimit: workingDays(30),
  committedLimit: workingDays(20),
  channels: ['ONSITE', 'ONLINE'],
  materials: [
    mat('commission', '司法鉴定委托书或委托函', true, '办案机关委托的加盖公章'),
    mat('identity', '委托人（被鉴定人）身份证明', true),
    mat('case_materials', '鉴定材料', true, '如病历资料、影像片、检材、样本、文书原件等'),
  ],
  form: {
    fields: [
      f.select('client_type', '委托人类型', true, [
        ['court', '人民法院'], ['procuratorate', '人民检察院'], ['police', '公安机关'], ['other_authority', '其他办案机关'], ['individual', '当事人（非诉讼）'],
      ]),
      f.text('client_name', '委托单位或委托人', true, 100),
      f.phone('mobile', '联系人手机', true),
      f.select('appraisal_type', '鉴定类别', true, [
        ['clinical', '法医临床'], ['pathology', '法医病理'], ['forensic_dna', '法医物证'], ['documents', '文书鉴定'],
        ['traces', '痕迹鉴定'], ['audio_video', '声像资料'], ['digital', '电子数据'], ['environment', '环境损害'],
      ]),
      f.text('case_number', '案号', false, 60, '办案机关委托的请填写'),
      f.long('matters', '委托鉴定事项及要求', true, 2000),
      f.yesNo('is_reappraisal', '是否为重新鉴定或补充鉴定', true),
    ],
  },
  stages: [stage('prepare', '鉴定准备', 3), stage('examine', '检验鉴定', 12), stage('sign', '复核签发', 5)],
};

/** Guidance to lawyers' services, given free at the bureau's centres. No statute sets a limit:
 * 5 working days is the bureau's default. Art. 26: staff never recommend a particular paid lawyer;
 * they point to the public directory of firms and to legal aid where the person qualifies. */
const TPL_LAWYER: ServiceItemContent = {
  code: 'TPL-LAWYER',
  name: '律师服务指引',
  category: 'LAWYER',
  legalBasis:
    '《中华人民共和国律师法》第二条、第二十五条（律师事务所统一接受委托、签订书面委托合同、统一收费）、第二十八条（律师业务范围）；国家发展改革委、司法部《律师服务收费管理办法》；重庆市司法局《公共法律服务工作规范（试行）》第十条、第二十六条（不得推荐收费律师和服务）。',
  conditions: '需要聘请律师但不了解律师业务范围、委托程序、收费方式的群众和单位；经济困难的，同时告知法律援助申请条件。',
  procedure: steps([
    ['了解需求', '了解事项类型、所处阶段和服务需求。'],
    ['告知程序与收费', '告知律师业务范围、委托须由律师事务所统一接受并签订书面合同、收费应开具票据等规定。'],
    ['提供公开信息', '提供律师事务所和律师执业信息的公开查询途径，由当事人自主选择；工作人员不推荐具体律师。'],
    ['法律援助引导', '可能符合法律援助条件的，引导申请法律援助。'],
  ]),
  rightsAndObligations: '当事人有权自主选择律师事务所和律师，有权要求签订书面委托合同、查验律师执业证、索取收费票据。对律师执业行为有异议的，可以向律师事务所所在地司法行政机关投诉。',
  fee: '指引服务免费；律师服务费由律师事务所与委托人依法协商确定。',
  results: '书面或口头指引（委托程序、收费规定、公开查询途径）；符合条件的转法律援助申请。',
  statutoryLimit: workingDays(5),
  committedLimit: workingDays(2),
  channels: ['ONSITE', 'HOTLINE', 'ONLINE', 'MESSAGE'],
  materials: [mat('related_docs', '与事项有关的材料', false)],
  form: {
    fields: [
      f.text('applicant_name', '姓名或单位名称', true, 100),
      f.phone('mobile', '联系电话', true),
      f.select('matter_area', '事项类别', true, LEGAL_AREAS),
      f.select('service_need', '服务需求', true, [['litigation', '诉讼代理或辩护'], ['non_litigation', '非诉讼事务'], ['counsel', '法律顾问'], ['document', '代写法律文书']]),
      f.yesNo('maybe_legal_aid', '是否经济困难、可能需要法律援助', false),
      f.long('description', '情况说明', false, 2000),
    ],
  },
  stages: [stage('accept', '受理', 1), stage('reply', '答复指引', 1)],
};

/** Law-education visits booked by communities, schools and employers. No statute sets a limit:
 * 10 working days to confirm a plan is the bureau's default; committed 5. */
const TPL_LEGAL_EDU: ServiceItemContent = {
  code: 'TPL-LEGAL-EDU',
  name: '法治宣传活动预约',
  category: 'LEGAL_EDUCATION',
  legalBasis:
    '《全国人民代表大会常务委员会关于开展第八个五年法治宣传教育的决议》（2021年）；中共中央、国务院转发《中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021－2025年）》；中共中央办公厅、国务院办公厅《关于实行国家机关“谁执法谁普法”普法责任制的意见》（2017年）；重庆市司法局《公共法律服务工作规范（试行）》第十条。',
  conditions: '社区、村、学校、企业、社会组织等需要开展法治讲座、以案释法、法律知识进社区进校园进企业等活动的。',
  procedure: steps([
    ['预约', '填写预约表，说明对象、人数、主题和期望时间。'],
    ['确定方案', '结合需求确定讲授主题、形式和宣讲人员，与预约单位确认时间地点。'],
    ['开展活动', '按方案开展宣讲、答疑，发放宣传资料。'],
    ['反馈', '收集参加人员意见，预约单位对活动进行评价。'],
  ]),
  rightsAndObligations: '预约单位有权选择主题、对活动进行评价；应当提供场地和组织保障，如实告知参加人数和对象。',
  fee: FREE,
  results: '活动方案确认通知；活动开展记录和宣传资料。',
  statutoryLimit: workingDays(10),
  committedLimit: workingDays(5),
  channels: ['ONSITE', 'HOTLINE', 'ONLINE', 'WECHAT'],
  materials: [],
  form: {
    fields: [
      f.text('org_name', '预约单位', true, 100),
      f.text('contact_name', '联系人', true, 50),
      f.phone('mobile', '联系电话', true),
      f.select('audience', '宣讲对象', true, [['residents', '社区居民'], ['employees', '企业职工'], ['students', '青少年学生'], ['elderly', '老年人'], ['migrant_workers', '农民工'], ['officials', '机关干部']]),
      f.multi('topics', '宣讲主题', true, [
        ['civil_code', '民法典'], ['labor', '劳动法律'], ['anti_fraud', '防范电信网络诈骗'], ['minors', '未成年人保护'], ['elderly_rights', '老年人权益保障'], ['safety', '安全生产'],
      ]),
      f.date('expected_date', '期望日期', true, false),
      f.number('attendees', '预计人数', true, 10, 2000, true),
      f.text('venue', '活动地点', true, 100),
    ],
  },
  stages: [stage('accept', '受理', 1), stage('plan', '确定方案', 3)],
};

export const TEMPLATES: ServiceItemContent[] = [TPL_CONSULT, TPL_LEGAL_AID, TPL_MEDIATION, TPL_NOTARY, TPL_APPRAISAL, TPL_LAWYER, TPL_LEGAL_EDU];

// ---------------------------------------------------------------------------------------------
// Tenants' own items.
// ---------------------------------------------------------------------------------------------

/** 12348 hotline consultation: answered on the call where possible, called back otherwise. The
 * 24 h limit is the specification default; the centre commits to 4 h. Art. 21's 3-second answer
 * is a response-time commitment, measured from call records, not this limit. */
const HOTLINE_CONSULT: ServiceItemContent = {
  ...TPL_CONSULT,
  code: 'HOTLINE-CONSULT',
  name: '12348热线法律咨询',
  conditions: '拨打12348公共法律服务热线（7×24小时），就法律问题、法律服务事项咨询的，均可受理；无需预约，无需提供身份信息。',
  procedure: steps([
    ['接听', '来电3秒内接听，使用规范用语问候。'],
    ['听取与询问', '耐心听取来电人陈述，询问关键事实，确认诉求，不提前挂断。'],
    ['解答', '当场解答并说明法律依据和风险提示；需查询或会商的，约定时间回电。'],
    ['转办', '需要线下办理的，转办至相关区县公共法律服务中心或法律服务机构，并跟踪反馈。'],
    ['回访评价', '邀请来电人对本次服务进行评价，必要时回访。'],
  ]),
  results: '电话当场解答或约定时间回电答复；需要办理的，转办并告知承办单位和联系方式。',
  statutoryLimit: hours(24),
  committedLimit: hours(4),
  channels: ['HOTLINE'],
  materials: [],
  form: {
    fields: [
      f.text('caller_name', '来电人称呼', false, 50),
      f.phone('callback_mobile', '回电号码', false, '需要回电的请提供'),
      f.select('consult_type', '咨询类别', true, LEGAL_AREAS),
      specialGroups(),
      f.long('question', '咨询内容摘要', true, 2000),
      f.yesNo('answered_on_call', '是否当场解答', true),
      f.yesNo('needs_transfer', '是否需要转办', true),
    ],
  },
};

/** Left messages on the web, app or WeChat: replied within 1 hour (Art. 21, a response-time
 * commitment); fully answered within the 24 h default, committed 12 h. */
const HOTLINE_MESSAGE: ServiceItemContent = {
  ...HOTLINE_CONSULT,
  code: 'HOTLINE-MESSAGE',
  name: '网络留言法律咨询',
  conditions: '通过重庆法网、APP或微信公众号留言咨询法律问题的，均可受理。',
  procedure: steps([
    ['留言', '填写咨询问题，可选择留下手机号码接收答复通知。'],
    ['签收', '值班律师或工作人员在1小时内签收并首次答复。'],
    ['答复', '答复载明法律依据和风险提示；问题复杂的，约定时间答复或建议到窗口面询。'],
    ['评价', '留言人查看答复后进行评价。'],
  ]),
  results: '网上书面答复，可凭查询码查看。',
  committedLimit: hours(12),
  channels: ['MESSAGE', 'APP', 'WECHAT'],
  form: { fields: [f.phone('mobile', '手机号码', false, '用于接收答复通知'), f.select('consult_type', '咨询类别', true, LEGAL_AREAS), specialGroups(), f.long('question', '咨询问题', true, 2000)] },
};

/** Migrant workers' wage claims: Legal Aid Law Art. 42(3) waives the means check, so the centre
 * commits to decide within 3 of the statutory 7 days. */
const LA_WAGE: ServiceItemContent = {
  ...TPL_LEGAL_AID,
  code: 'LA-WAGE',
  name: '农民工讨薪法律援助（绿色通道）',
  legalBasis:
    '《中华人民共和国法律援助法》第三十一条（请求确认劳动关系或者支付劳动报酬属于法律援助事项）、第四十二条（申请支付劳动报酬的进城务工人员免予核查经济困难状况）、第四十三条；《保障农民工工资支付条例》（2020年）；《中华人民共和国劳动争议调解仲裁法》第二十七条（仲裁时效）。',
  conditions: '进城务工人员请求支付劳动报酬、确认劳动关系或者工伤事故人身损害赔偿的；免予核查经济困难状况，优先受理、优先审查、优先指派。',
  procedure: steps([
    ['申请', '本人或委托近亲属到窗口、工作站或网上申请；集体讨薪可推选代表申请。'],
    ['受理', '材料齐全的当场受理；不齐全的一次性告知需要补充的全部材料。'],
    ['审查决定', '免予核查经济困难状况，三日内作出决定。'],
    ['指派', '决定给予法律援助的，当日或次日指派律师，必要时先行提供法律援助。'],
  ]),
  results: '《给予法律援助决定书》并指派律师；或《不予法律援助决定书》及异议途径。',
  committedLimit: calendarDays(3),
  channels: ['ONSITE', 'HOTLINE', 'ONLINE', 'WECHAT'],
  materials: [
    mat('identity', '申请人身份证明', true),
    mat('labor_proof', '劳动关系证明材料', true, '劳动合同、工作证、考勤记录、工友证言等，没有书面合同的提供能够证明用工事实的材料'),
    mat('wage_proof', '欠薪证明材料', false, '工资条、欠条、结算单、聊天记录等'),
  ],
  form: {
    fields: [
      ...applicant(),
      f.text('employer', '用人单位或包工头', true, 100),
      f.text('work_site', '工地或工作地点', false, 100),
      f.date('started_on', '开始工作日期', false, true),
      f.number('unpaid_amount', '拖欠工资金额（元）', true, 1, 10000000, false),
      f.number('workers', '涉及人数', true, 1, 500, true),
      f.yesNo('has_contract', '是否签订书面劳动合同', true),
      f.long('facts', '欠薪经过', true, 3000),
    ],
  },
  stages: [stage('accept', '受理登记', 1), stage('review', '审查决定', 1)],
};

const NOT_INHERIT: ServiceItemContent = {
  ...TPL_NOTARY,
  code: 'NOT-INHERIT',
  name: '继承公证',
  legalBasis:
    '《中华人民共和国民法典》第一千一百二十一条（继承从被继承人死亡时开始）、第一千一百二十三条（法定继承、遗嘱继承和遗赠扶养协议）、第一千一百二十四条（放弃继承应当以书面形式表示）、第一千一百二十七条（法定继承人的范围和顺序）；《中华人民共和国公证法》第十一条、第三十条、第三十四条；司法部《公证程序规则》。',
  conditions: '被继承人死亡后，继承人就其遗产申请办理继承权公证；涉及不动产的，向不动产所在地公证机构申请。原则上全体继承人应当共同申请，放弃继承的应当书面表示。',
  procedure: steps([
    ['咨询与预约', '了解亲属关系和遗产情况，一次性告知需提交的全部材料。'],
    ['受理', '全体继承人到场（或委托他人）申请，公证员告知继承的法律意义和后果。'],
    ['审查核实', '核实死亡事实、亲属关系、遗嘱和遗产权属，必要时公示；核实时间不计入期限。'],
    ['出具公证书', '审查通过的出具继承权公证书。'],
    ['领取', '当事人领取公证书，凭公证书办理不动产、存款等过户手续。'],
  ]),
  results: '继承权公证书（可同时办理放弃继承声明书公证）。',
  committedLimit: workingDays(12),
  channels: ['ONSITE', 'ONLINE'],
  materials: [
    mat('heirs_identity', '全体继承人身份证明', true),
    mat('death_proof', '被继承人死亡证明', true, '死亡医学证明、户籍注销证明或火化证明'),
    mat('kinship_proof', '亲属关系证明', true, '户口簿、结婚证、出生医学证明、档案记载或有关单位出具的证明'),
    mat('estate_proof', '遗产权属证明', true, '不动产权证书、存单、车辆登记证书等'),
    mat('will', '遗嘱或遗赠扶养协议', false, '有则提供'),
    mat('renunciation', '放弃继承声明书', false, '有继承人放弃继承的提供'),
  ],
  form: {
    fields: [
      ...applicant('申请人（继承人）姓名'),
      f.date('death_date', '被继承人死亡日期', true, true),
      f.yesNo('has_will', '被继承人是否留有遗嘱', true),
      f.number('heirs', '第一顺序继承人人数', true, 1, 50, true),
      f.multi('estate_types', '遗产类型', true, [['real_estate', '房产'], ['deposit', '存款'], ['vehicle', '车辆'], ['equity', '股权'], ['other', '其他']]),
      f.yesNo('all_heirs_present', '全体继承人能否到场', true, '不能到场的可以委托他人办理'),
      f.long('description', '情况说明', false, 2000),
    ],
  },
  stages: [stage('accept', '受理', 1), stage('verify', '审查核实', 8), stage('issue', '审批出证', 3)],
};

/** Powers of attorney are usually simple: the office commits to 3 of the 15 statutory days. */
const NOT_POA: ServiceItemContent = {
  ...TPL_NOTARY,
  code: 'NOT-POA',
  name: '委托公证',
  legalBasis:
    '《中华人民共和国民法典》第一百六十一条（可以通过代理人实施民事法律行为）、第一百六十五条（授权委托书应当载明的事项）；《中华人民共和国公证法》第十一条、第二十六条、第三十条、第三十四条；司法部《公证程序规则》。',
  conditions: '委托人本人亲自到场申请（依照《公证程序规则》，委托公证应当由本人亲自申办）；委托事项合法，不属于依法应当由本人亲自实施的民事法律行为。',
  procedure: steps([
    ['申请', '委托人本人持身份证件和有关材料到场申请。'],
    ['受理与告知', '公证员告知委托的法律意义和后果，询问委托事项、权限和期限。'],
    ['签署', '委托人在公证员面前签署委托书。'],
    ['出具公证书', '审查通过的出具委托公证书。'],
  ]),
  results: '委托公证书。',
  committedLimit: workingDays(3),
  materials: [
    mat('identity', '委托人身份证明', true),
    mat('agent_identity', '受托人身份证明复印件', true),
    mat('matter_docs', '与委托事项有关的材料', true, '如不动产权证书、车辆登记证书、起诉状等'),
    mat('spouse_consent', '配偶同意书', false, '处分夫妻共同财产时提供'),
  ],
  form: {
    fields: [
      ...applicant('委托人姓名'),
      f.text('agent_name', '受托人姓名', true, 50),
      f.select('entrust_matter', '委托事项', true, [['sell_house', '房产买卖'], ['mortgage', '房产抵押贷款'], ['collect', '代领款物'], ['litigation', '代为诉讼'], ['vehicle', '车辆过户'], ['other', '其他']]),
      f.select('use_place', '公证书使用地', true, USE_PLACE),
      f.date('valid_until', '委托期限至', false, false),
      f.long('scope', '委托权限说明', true, 1000),
    ],
  },
  stages: [stage('accept', '受理', 1), stage('issue', '审查出证', 2)],
};

/** Law-firm intake: the firm answers whether it takes the matter (conflict check, fee quote). No
 * statute sets a limit; 5 working days is the bureau's default for law-firm intake. */
const lawFirmItem = (code: string, name: string, legalBasis: string, form: FormFieldData[], materials: ServiceItemContent['materials']): ServiceItemContent => ({
  code,
  name,
  category: 'LAWYER',
  legalBasis,
  conditions: '自然人、法人和其他组织委托律师办理法律事务的；经利益冲突审查，本所可以接受委托。',
  procedure: steps([
    ['咨询', '律师听取情况、查阅材料，初步分析法律关系和风险。'],
    ['利益冲突审查', '本所进行利益冲突审查，不能接受委托的及时告知。'],
    ['签订委托合同', '由本所统一接受委托，签订书面委托合同，明确服务内容、收费方式和金额。'],
    ['办理', '律师按合同办理，及时告知进展。'],
    ['结案', '办结后交付成果、归还材料，委托人进行评价。'],
  ]),
  rightsAndObligations: '委托人有权了解办理进展，有权要求律师保守秘密、不泄露个人隐私，有权拒绝已委托的律师继续代理。委托人应当如实陈述事实、提供材料，按约定支付费用。律师不对案件结果作任何承诺。',
  fee: '律师服务费由本所与委托人依照《律师服务收费管理办法》和重庆市有关规定协商确定，签订书面合同并开具发票；经济困难的，可以申请法律援助。',
  results: '是否接受委托的答复及服务方案、收费说明；接受委托的签订委托合同。',
  statutoryLimit: workingDays(5),
  committedLimit: workingDays(3),
  channels: ['ONSITE', 'ONLINE', 'MESSAGE'],
  materials,
  form: { fields: form },
  stages: [stage('consult', '初步咨询', 1), stage('conflict_check', '利益冲突审查', 1), stage('contract', '签订委托合同', 1)],
});

const LAW_CIVIL = lawFirmItem(
  'LAW-CIVIL',
  '民事诉讼代理',
  '《中华人民共和国律师法》第二十五条、第二十八条、第三十二条、第三十八条（保守秘密、不得泄露当事人隐私）；《中华人民共和国民事诉讼法》；《律师服务收费管理办法》。',
  [
    f.text('applicant_name', '委托人姓名或名称', true, 100),
    f.phone('mobile', '联系电话', true),
    f.select('case_type', '案件类型', true, LEGAL_AREAS),
    f.text('opponent', '对方当事人', true, 100, '用于利益冲突审查'),
    f.select('stage', '诉讼阶段', true, [['pre_filing', '起诉前'], ['first_instance', '一审'], ['second_instance', '二审'], ['retrial', '再审'], ['enforcement', '执行']]),
    f.number('claim_amount', '诉讼标的额（元）', false, 0, 10000000000, false),
    f.long('facts', '案情简介', true, 3000),
  ],
  [mat('identity', '委托人身份证明', true), mat('evidence', '证据材料及法律文书', true, '起诉状、传票、判决书等')],
);

const LAW_LABOR = lawFirmItem(
  'LAW-LABOR',
  '劳动争议代理',
  '《中华人民共和国律师法》第二十五条、第二十八条；《中华人民共和国劳动争议调解仲裁法》第二十七条（申请仲裁的时效期间为一年）；《中华人民共和国劳动合同法》第八十二条（未订立书面劳动合同的二倍工资）。',
  [
    f.text('applicant_name', '委托人姓名', true, 50),
    f.phone('mobile', '联系电话', true),
    f.text('employer', '用人单位', true, 100),
    f.date('hired_on', '入职日期', false, true),
    f.date('left_on', '离职日期', false, true, '仍在职的不填'),
    f.yesNo('has_contract', '是否签订书面劳动合同', true),
    f.multi('claims', '主要诉求', true, [['wages', '拖欠工资'], ['severance', '经济补偿或赔偿金'], ['double_wage', '未签合同二倍工资'], ['social_insurance', '社会保险'], ['work_injury', '工伤待遇']]),
    specialGroups(),
    f.long('facts', '争议经过', true, 3000),
  ],
  [mat('identity', '委托人身份证明', true), mat('labor_proof', '劳动关系证明', true, '劳动合同、工资流水、考勤记录等'), mat('notice', '解除或终止劳动关系通知', false)],
);

const LAW_COUNSEL: ServiceItemContent = {
  ...lawFirmItem(
    'LAW-COUNSEL',
    '常年法律顾问',
    '《中华人民共和国律师法》第二十五条、第二十八条第（一）项（接受委托担任法律顾问）；《律师服务收费管理办法》。',
    [
      f.text('org_name', '单位名称', true, 100),
      f.text('contact_name', '联系人', true, 50),
      f.phone('mobile', '联系电话', true),
      f.select('industry', '所属行业', true, [['manufacturing', '制造业'], ['construction', '建筑业'], ['trade', '批发零售'], ['services', '服务业'], ['tech', '信息技术'], ['other', '其他']]),
      f.number('staff', '职工人数', false, 1, 100000, true),
      f.multi('services', '需要的服务', true, [['contract_review', '合同审查'], ['hr', '劳动用工合规'], ['disputes', '纠纷处理'], ['training', '法律培训']]),
      f.long('notes', '其他需求', false, 1000),
    ],
    [mat('license', '营业执照', true), mat('authorization', '经办人授权书及身份证明', true)],
  ),
  conditions: '企业、事业单位和社会组织聘请律师担任常年法律顾问的；经利益冲突审查，本所可以接受委托。',
  results: '法律顾问服务方案和报价；接受委托的签订法律顾问合同。',
};

const LAW_CONTRACT: ServiceItemContent = {
  ...lawFirmItem(
    'LAW-CONTRACT',
    '合同审查',
    '《中华人民共和国律师法》第二十五条、第二十八条；《中华人民共和国民法典》合同编。',
    [
      f.text('applicant_name', '委托人姓名或名称', true, 100),
      f.phone('mobile', '联系电话', true),
      f.select('contract_type', '合同类型', true, [['sale', '买卖'], ['lease', '租赁'], ['construction', '建设工程'], ['loan', '借款'], ['service', '服务'], ['other', '其他']]),
      f.number('contract_amount', '合同金额（元）', false, 0, 10000000000, false),
      f.yesNo('urgent', '是否需要加急', false),
      f.long('concerns', '重点关注的问题', false, 1000),
    ],
    [mat('contract_draft', '合同文本', true), mat('background', '交易背景材料', false)],
  ),
  results: '合同审查意见书或修订稿。',
};

/** Neighbour and property-service disputes at a street committee: quicker than the template. */
const mediationItem = (code: string, name: string, extraBasis: string, conditions: string, disputeLabel: string): ServiceItemContent => ({
  ...TPL_MEDIATION,
  code,
  name,
  legalBasis: `${TPL_MEDIATION.legalBasis}${extraBasis}`,
  conditions,
  committedLimit: calendarDays(15),
  channels: ['ONSITE', 'HOTLINE', 'WECHAT'],
  form: {
    fields: [
      ...applicant(),
      f.text('other_party', disputeLabel, true, 100),
      f.text('location', '纠纷发生地点（小区、楼栋）', true, 100),
      f.date('occurred_on', '纠纷发生日期', false, true),
      specialGroups(),
      f.long('request', '纠纷经过及调解请求', true, 2000),
    ],
  },
  stages: [stage('accept', '受理', 1), stage('investigate', '调查了解', 3), stage('mediate', '组织调解', 5)],
});

const MED_NEIGHBOR = mediationItem(
  'MED-NEIGHBOR',
  '邻里纠纷调解',
  '《中华人民共和国民法典》第二百八十八条（按照有利生产、方便生活、团结互助、公平合理的原则处理相邻关系）。',
  '本街道辖区内因通行、采光、噪音、漏水、油烟等相邻关系发生的纠纷，双方自愿接受调解。',
  '对方当事人（邻居姓名或门牌号）',
);

const MED_PROPERTY = mediationItem(
  'MED-PROPERTY',
  '物业服务纠纷调解',
  '《中华人民共和国民法典》第九百三十七条（物业服务合同）；《物业管理条例》。',
  '本街道辖区内业主与物业服务企业之间因物业费、服务质量、公共设施维修等发生的纠纷，双方自愿接受调解。',
  '物业服务企业名称',
);

/** Never published in the demo: shows that drafts stay out of public pages. */
const YB_FAMILY_DRAFT: ServiceItemContent = {
  ...TPL_MEDIATION,
  code: 'YB-FAMILY-MED',
  name: '婚姻家庭纠纷调解（试行，草稿）',
  legalBasis: `${TPL_MEDIATION.legalBasis}《中华人民共和国民法典》婚姻家庭编；《中华人民共和国反家庭暴力法》。`,
  conditions: '夫妻、父母子女及其他家庭成员之间因赡养、抚养、财产、相处等发生的纠纷；涉及家庭暴力的，告知可以申请人身安全保护令，不以调解代替依法处理。',
  committedLimit: calendarDays(20),
};

const YB_EDU_ENTERPRISE: ServiceItemContent = {
  ...TPL_LEGAL_EDU,
  code: 'YB-EDU-ENT',
  name: '法治体检进企业',
  conditions: '渝北区辖区内中小微企业申请劳动用工、合同管理、安全生产等方面的法治宣讲和合规提示。',
  procedure: steps([
    ['预约', '企业在线填写预约表。'],
    ['确定方案', '区司法局组织公共法律服务律师确定宣讲和体检方案。'],
    ['上门服务', '开展宣讲，梳理常见法律风险并出具提示清单。'],
    ['回访', '一个月内回访整改情况。'],
  ]),
  results: '法治宣讲和法律风险提示清单。',
  form: {
    fields: [
      f.text('org_name', '企业名称', true, 100),
      f.text('contact_name', '联系人', true, 50),
      f.phone('mobile', '联系电话', true),
      f.number('attendees', '职工人数', true, 1, 100000, true),
      f.multi('topics', '关注领域', true, [['labor', '劳动用工'], ['contract', '合同管理'], ['safety', '安全生产'], ['ip', '知识产权'], ['tax', '财税合规']]),
      f.date('expected_date', '期望日期', true, false),
    ],
  },
};

/** Disability-grade appraisal for injury claims; a common request from legal-aid recipients. */
const APR_CLINICAL: ServiceItemContent = {
  ...TPL_APPRAISAL,
  code: 'APR-CLINICAL',
  name: '法医临床鉴定（伤残等级、损伤程度）',
  legalBasis: `${TPL_APPRAISAL.legalBasis}最高人民法院、最高人民检察院、公安部、国家安全部、司法部《人体损伤致残程度分级》（2016年）、《人体损伤程度鉴定标准》（2014年）。`,
  conditions: '交通事故、工伤以外的人身损害、故意伤害等案件需要评定伤残等级、损伤程度、误工护理营养期限的；一般在治疗终结或者临床治疗效果稳定后委托。',
  committedLimit: workingDays(15),
  materials: [
    ...TPL_APPRAISAL.materials,
    mat('medical_records', '完整病历资料', true, '门诊、住院病历，出院记录'),
    mat('imaging', '影像片及报告', true, 'X线、CT、MRI等原片'),
  ],
  form: {
    fields: [
      ...TPL_APPRAISAL.form.fields.filter((x) => x.key !== 'appraisal_type'),
      f.date('injured_on', '受伤日期', true, true),
      f.multi('items', '鉴定项目', true, [['disability', '伤残等级'], ['injury_degree', '损伤程度'], ['periods', '误工、护理、营养期限'], ['future_treatment', '后续治疗费']]),
    ],
  },
  stages: [stage('prepare', '鉴定准备', 2), stage('examine', '检验鉴定', 9), stage('sign', '复核签发', 4)],
};

export interface TenantItemSeed {
  /** A slug from DEMO_TENANTS. */
  tenant: string;
  /** Adopt this root template (by code). With `content` too, the adopted draft is then edited to
   * `content` (adopt-and-adapt); `content.code` then keeps the template's code. */
  adoptTemplate?: string;
  /** The tenant's own item (or, with adoptTemplate, the adapted draft). */
  content?: ServiceItemContent;
  /** false leaves the item a DRAFT, which no public page shows. */
  publish: boolean;
}

const adopt = (tenant: string, code: string, publish = true): TenantItemSeed => ({ tenant, adoptTemplate: code, publish });
const own = (tenant: string, content: ServiceItemContent, publish = true): TenantItemSeed => ({ tenant, content, publish });

export const TENANT_ITEMS: TenantItemSeed[] = [
  // 12348 hotline centre
  own('cq-12348', HOTLINE_CONSULT),
  own('cq-12348', HOTLINE_MESSAGE),
  // 渝中
  adopt('yuzhong', 'TPL-CONSULT'),
  adopt('yuzhong', 'TPL-LEGAL-EDU'),
  adopt('yuzhong-jiefangbei', 'TPL-MEDIATION'),
  adopt('yuzhong-legal-aid', 'TPL-LEGAL-AID'),
  own('yuzhong-legal-aid', LA_WAGE),
  own('yuzhong-notary', NOT_INHERIT),
  own('yuzhong-notary', NOT_POA),
  own('zhengyan-law', LAW_CIVIL),
  // 江北: adopts the consultation template and tightens its promise to 4 hours.
  {
    tenant: 'jiangbei',
    adoptTemplate: 'TPL-CONSULT',
    content: { ...TPL_CONSULT, committedLimit: hours(4), conditions: `${TPL_CONSULT.conditions}江北区公共法律服务中心窗口周六上午照常接待。` },
    publish: true,
  },
  adopt('jiangbei', 'TPL-MEDIATION'),
  adopt('jiangbei-legal-aid', 'TPL-LEGAL-AID'),
  // 渝北: one item stays a draft.
  adopt('yubei', 'TPL-CONSULT'),
  own('yubei', YB_EDU_ENTERPRISE),
  own('yubei', YB_FAMILY_DRAFT, false),
  adopt('yubei-longxi', 'TPL-CONSULT'),
  adopt('yubei-legal-aid', 'TPL-LEGAL-AID'),
  adopt('yubei-notary', 'TPL-NOTARY'),
  own('yubei-notary', { ...NOT_POA, committedLimit: workingDays(2), stages: [stage('accept', '受理', 1), stage('issue', '审查出证', 1)] }),
  own('mingli-law', LAW_LABOR),
  own('mingli-law', LAW_COUNSEL),
  own('yubei-longxi-mediation', MED_NEIGHBOR),
  own('yubei-longxi-mediation', MED_PROPERTY),
  // 沙坪坝
  adopt('shapingba', 'TPL-CONSULT'),
  adopt('shapingba', 'TPL-LEGAL-EDU'),
  adopt('shapingba-legal-aid', 'TPL-LEGAL-AID'),
  adopt('shapingba-appraisal', 'TPL-APPRAISAL'),
  own('shapingba-appraisal', APR_CLINICAL),
  // 九龙坡
  adopt('jiulongpo', 'TPL-CONSULT'),
  adopt('jiulongpo', 'TPL-LAWYER'),
  adopt('jiulongpo-legal-aid', 'TPL-LEGAL-AID'),
  own('jiulongpo-law', LAW_CONTRACT),
];

// ---------------------------------------------------------------------------------------------
// Commitments (Art. 16, 21) and response-time defaults.
// ---------------------------------------------------------------------------------------------

/** Art. 21: hotline answered within 3 s, online chat within 3 s, left messages within 1 hour. */
export const RESPONSE_TIME_DEFAULTS: ResponseTimeDefaults = { hotlineAnswerSeconds: 3, chatAnswerSeconds: 3, messageReplyMinutes: 60 };

export interface CommitmentSeed {
  tenant: string;
  kind: 'ATTITUDE' | 'TIME_LIMIT' | 'QUALITY' | 'RESPONSE_TIME' | 'OTHER';
  title: string;
  body: string;
  metric?: CommitmentMetric;
  target?: number;
  published: boolean;
}

/** Tenants may promise better response times than RESPONSE_TIME_DEFAULTS, never worse. */
export const COMMITMENTS: CommitmentSeed[] = [
  { tenant: 'cq', kind: 'ATTITUDE', title: '热情周到，耐心服务', body: '对来访、来电、网上咨询的群众一视同仁，使用规范用语，耐心倾听、细致解答，事情未处理完毕不离开、不挂断。', published: true },
  { tenant: 'cq', kind: 'RESPONSE_TIME', title: '热线3秒内接听', body: '12348公共法律服务热线来电在3秒内接听。', metric: 'HOTLINE_ANSWER_SECONDS', target: 3, published: true },
  { tenant: 'cq', kind: 'RESPONSE_TIME', title: '网上咨询3秒内应答', body: '网络平台在线咨询在3秒内应答。', metric: 'CHAT_ANSWER_SECONDS', target: 3, published: true },
  { tenant: 'cq', kind: 'RESPONSE_TIME', title: '留言1小时内答复', body: '网站、APP、微信公众号的留言在1小时内作出答复。', metric: 'MESSAGE_REPLY_MINUTES', target: 60, published: true },
  { tenant: 'cq', kind: 'TIME_LIMIT', title: '限时办结', body: '在法定时限和承诺时限内办结；确需延长的，在时限届满前书面或电话告知当事人并说明理由。按时办结率不低于98%。', metric: 'ON_TIME_RATE', target: 98, published: true },
  { tenant: 'cq', kind: 'QUALITY', title: '群众满意', body: '每件事项办结后邀请当事人评价，对不满意评价逐件回访整改。满意率不低于95%。', metric: 'SATISFACTION_RATE', target: 95, published: true },
  { tenant: 'cq', kind: 'OTHER', title: '首问负责、一次性告知', body: '首位接待人员负责到底，不属于本单位职责的引导至有权单位并跟踪反馈；材料不齐全的，一次性告知需要补充的全部材料。', published: true },
  { tenant: 'cq-12348', kind: 'RESPONSE_TIME', title: '7×24小时，3秒接听', body: '12348热线全天候值守，来电3秒内接听，高峰时段增开坐席。', metric: 'HOTLINE_ANSWER_SECONDS', target: 3, published: true },
  { tenant: 'cq-12348', kind: 'RESPONSE_TIME', title: '留言30分钟内答复', body: '网络留言在30分钟内签收并作出首次答复。', metric: 'MESSAGE_REPLY_MINUTES', target: 30, published: true },
  { tenant: 'cq-12348', kind: 'QUALITY', title: '满意率96%以上', body: '每次通话结束后邀请来电人评价，差评逐件回访。', metric: 'SATISFACTION_RATE', target: 96, published: true },
  { tenant: 'yubei', kind: 'RESPONSE_TIME', title: '留言30分钟内答复', body: '渝北区公共法律服务中心收到的网上留言，工作时间内30分钟内答复。', metric: 'MESSAGE_REPLY_MINUTES', target: 30, published: true },
  { tenant: 'yubei', kind: 'TIME_LIMIT', title: '按时办结率99%', body: '窗口受理事项按时办结率不低于99%。', metric: 'ON_TIME_RATE', target: 99, published: true },
  { tenant: 'yubei', kind: 'RESPONSE_TIME', title: '在线咨询2秒内应答（试行）', body: '试行在线咨询2秒内应答，试行期满评估后公布。', metric: 'CHAT_ANSWER_SECONDS', target: 2, published: false },
  { tenant: 'yuzhong-legal-aid', kind: 'TIME_LIMIT', title: '五日内作出援助决定', body: '材料齐全的法律援助申请，五日内作出是否给予法律援助的决定；农民工讨薪申请三日内决定。', metric: 'ON_TIME_RATE', target: 98, published: true },
  { tenant: 'yuzhong-notary', kind: 'TIME_LIMIT', title: '委托公证三个工作日出证', body: '材料齐全、事实清楚的委托公证，三个工作日内出具公证书；老年人、残疾人可预约上门办理。', published: true },
  { tenant: 'mingli-law', kind: 'QUALITY', title: '诚信执业', body: '统一收案、统一收费并开具发票；如实告知法律风险，不对案件结果作任何承诺；严格保守当事人秘密。', published: true },
];

// ---------------------------------------------------------------------------------------------
// Phrase library (Art. 23, 26): the root's lists apply to every tenant.
// ---------------------------------------------------------------------------------------------

export interface PhraseSeed {
  tenant: string;
  kind: 'STANDARD' | 'FORBIDDEN';
  text: string;
  note?: string;
}

const standard = (tenant: string, text: string, note?: string): PhraseSeed => ({ tenant, kind: 'STANDARD', text, ...(note ? { note } : {}) });
const forbidden = (tenant: string, text: string, note: string): PhraseSeed => ({ tenant, kind: 'FORBIDDEN', text, note });

export const PHRASES: PhraseSeed[] = [
  standard('cq', '您好，这里是12348公共法律服务热线，请问有什么可以帮您？', '热线接听'),
  standard('cq', '您好，请坐。请问您需要办理什么事项？', '窗口接待'),
  standard('cq', '请您提供……材料，我们一次性告知您所需的全部材料。', '一次性告知（Art. 14）'),
  standard('cq', '您反映的问题不属于本单位职责范围，建议您向……咨询，联系方式是……。我们会把您的情况一并转交并跟踪反馈。', '首问负责与转介（Art. 11, 13）'),
  standard('cq', '根据《……》第……条的规定，……', '解答法律问题须说明依据（Art. 9）'),
  standard('cq', '法律风险提示：以上意见仅根据您提供的情况作出，在采取法律行动前，建议您进一步咨询专业人员。', '风险提示（Art. 9）'),
  standard('cq', '您的事项因……原因不能在期限内办结，预计延长至……，给您带来不便，请谅解。', '延期告知（Art. 15）'),
  standard('cq', '请问还有其他需要帮助的吗？感谢您的来电，请对本次服务进行评价。', '结束语与评价'),
  forbidden('cq', '不归我管', '推诿（Art. 6、23）'),
  forbidden('cq', '不知道', '推诿（Art. 23）；确需查询的应说“我帮您查询后答复您”'),
  forbidden('cq', '找领导去', '推诿（Art. 23）'),
  forbidden('cq', '你自己看着办', '推诿（Art. 23）'),
  forbidden('cq', '这事办不了', '未说明理由即拒绝（Art. 23）'),
  forbidden('cq', '爱找谁找谁', '态度生硬（Art. 22、23）'),
  forbidden('cq', '没看我正忙着吗', '态度生硬（Art. 22、23）'),
  forbidden('cq', '早干什么去了', '态度生硬（Art. 22、23）'),
  forbidden('cq', '给你推荐个律师', '不得推荐收费律师（Art. 26）'),
  forbidden('cq', '私下找我办', '不得招揽业务（Art. 26）'),
  forbidden('cq', '给点好处', '不得索取财物（Art. 26）'),
  forbidden('cq-12348', '别再打了', '热线不得拒接、推诿（Art. 22）'),
  forbidden('cq-12348', '你打错了', '应告知正确渠道（Art. 11）'),
  standard('cq-12348', '请您稍等，我为您查询相关规定，大约需要……分钟，请不要挂断。', '需要查询时'),
  standard('yubei', '您的材料已收到，我们将在承诺时限内办结，并通过短信告知您办理进度。'),
  forbidden('mingli-law', '保证胜诉', '律师不得对办案结果作出承诺'),
];
