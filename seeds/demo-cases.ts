/**
 * Demo cases (issue 4): one story per state, across the hotline, a district bureau, a judicial
 * office, a legal-aid centre and another district, each made through the same commands the API
 * uses, step by step at the time it happened (a few working days back from the seeding day), so
 * every case carries a real, verifiable ledger. Requesters are fictional; ID numbers are valid
 * test numbers (check digit correct), phones are 138/139 demo numbers.
 */
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../server/config.js';
import { rowsOf, type Database } from '../server/db/client.js';
import type { UserRole } from '../schema/db/tenancy.js';
import { closeQuietCases } from '../server/usecases/cases/close-quiet.js';
import {
  addCaseNote,
  extendDeadline,
  receiveMaterials,
  rejectCase,
  reopenCase,
  replyToRequester,
  requestMaterials,
  resolveCase,
  startCase,
} from '../server/usecases/cases/lifecycle.js';
import { appealRating } from '../server/usecases/cases/appeals.js';
import { openCase, type OpenCaseInput } from '../server/usecases/cases/open-case.js';
import { rateCase, submitInquiry, type InquiryReceipt } from '../server/usecases/cases/public-self-service.js';
import { loadCase, type LoadedCase } from '../server/usecases/cases/store.js';
import { acceptTransfer, assignCase, postFeedback, rejectTransfer, transferCase } from '../server/usecases/cases/transfer.js';
import { closeSupervision, issueSupervision, respondToSupervision } from '../server/usecases/cases/supervision.js';
import { supervisionOrders } from '../schema/db/cases.js';
import { civilDateAt } from '../server/domain/calendar/civil-date.js';
import { runAs, type CommandContext } from '../server/usecases/context.js';
import type { Viewer } from '../server/domain/tenancy/access.js';

const HOUR = 3_600_000;

/** A step of a story; null when its actor can no longer read the case (a rejected transfer). */
type Step = (ctx: CommandContext, c: { id: string; version: number }) => Promise<LoadedCase | null>;

export async function seedDemoCases(database: Database, config: Config, seededAt = new Date()): Promise<number> {
  const viewers = new Map(
    rowsOf<{ id: string; tenant_id: string; username: string; roles: UserRole[] }>(
      await database.db.execute(sql`select id, tenant_id, username, roles from users`),
    ).map((u) => [u.username, { userId: u.id, tenantId: u.tenant_id, username: u.username, roles: u.roles } satisfies Viewer]),
  );
  const items = new Map(
    rowsOf<{ id: string; slug: string; code: string }>(
      await database.db.execute(sql`select i.id, t.slug, i.code from service_items i join tenants t on t.id = i.tenant_id where i.status = 'PUBLISHED'`),
    ).map((r) => [`${r.slug}/${r.code}`, r.id]),
  );
  const item = (key: string) => {
    const id = items.get(key);
    if (!id) throw new Error(`demo cases: no published item ${key}`);
    return id;
  };
  const as = (username: string) => {
    const v = viewers.get(username);
    if (!v) throw new Error(`demo cases: no user ${username}`);
    return v;
  };
  /** `hoursAgo` before the seeding time. */
  const ago = (hoursAgo: number) => new Date(seededAt.getTime() - hoursAgo * HOUR);

  let count = 0;
  /** Opens a case as `username` at `t0`, then runs each step as its user at its time. */
  async function story(username: string, t0: number, input: OpenCaseInput, steps: [string, number, Step][] = []) {
    let c = await runAs(database, config, as(username), (ctx) => openCase(ctx, input), ago(t0));
    for (const [user, t, step] of steps) {
      const target = { id: c.row.id, version: c.row.version };
      // When the step's actor lost sight of the case, the story's opener reads it on.
      c = (await runAs(database, config, as(user), (ctx) => step(ctx, target), ago(t))) ??
        (await runAs(database, config, as(username), (ctx) => loadCase(ctx.tx, target.id), ago(t)));
    }
    count++;
    return c;
  }
  const start = (strategy: 'ANSWER' | 'GUIDE' | 'REFER' = 'ANSWER'): Step => (ctx, c) => startCase(ctx, { ...c, strategy, handlingMode: 'ON_THE_SPOT' });
  const note = (text: string): Step => (ctx, c) => addCaseNote(ctx, { ...c, text });
  const reply = (text: string): Step => (ctx, c) => replyToRequester(ctx, { ...c, text });

  // 1. OPEN — a hotline call just taken, a wage question from an elderly caller.
  await story('hotline.staff', 1, {
    channel: 'HOTLINE',
    kind: 'CONSULTATION',
    serviceItemId: item('cq-12348/HOTLINE-CONSULT'),
    subject: '退休返聘人员工资被拖欠如何维权',
    description: '来电人在小区物业做保安，已退休返聘，近三个月工资未发。',
    requester: { name: '黄德明', phone: '13800138001' },
    formData: {
      caller_name: '黄德明',
      consult_type: 'labor',
      special_groups: ['elderly'],
      question: '退休返聘后被拖欠三个月工资，能否申请劳动仲裁？',
      answered_on_call: false,
      needs_transfer: false,
    },
    protectedGroups: ['ELDERLY'],
  });

  // 1b. IN_PROGRESS and overdue — a hotline question that needed looking up and was never answered
  // back: past both of its hour limits, it is what supervisors see first.
  await story('hotline.staff', 80, {
    channel: 'HOTLINE',
    kind: 'CONSULTATION',
    serviceItemId: item('cq-12348/HOTLINE-CONSULT'),
    subject: '农村宅基地继承问题需查询政策后回复',
    requester: { name: '罗永福', phone: '13800138012' },
    formData: {
      consult_type: 'property',
      question: '父亲去世后老家宅基地上的房屋能否由子女继承？',
      answered_on_call: false,
      needs_transfer: false,
    },
    strategy: 'ANSWER',
    handlingMode: 'BY_APPOINTMENT',
    appointmentAt: ago(60),
  }, [['hotline.staff', 79, note('需查询本市宅基地管理政策，已承诺回电。')]]);

  // 2. IN_PROGRESS — a walk-in legal consultation at the Yubei bureau, taken up on the spot.
  await story('yubei.staff', 3, {
    channel: 'ONSITE',
    kind: 'CONSULTATION',
    subject: '离婚时婚前按揭房屋如何分割',
    description: '当事人婚前首付购房，婚后共同还贷，现协议离婚，咨询房屋归属及补偿。',
    requester: { name: '陈晓燕', phone: '13800138002', residentId: '500112199003157725' },
    strategy: 'ANSWER',
    handlingMode: 'BY_APPOINTMENT',
    appointmentAt: ago(-20),
  }, [['yubei.staff', 2, note('已约定次日上午由值班律师详细解答，需查阅购房合同。')]]);

  // 3. AWAITING_MATERIALS — a legal-aid application, one-time notification of what is missing.
  await story('yubei.legalaid.staff', 30, {
    channel: 'ONSITE',
    kind: 'MATTER',
    serviceItemId: item('yubei-legal-aid/TPL-LEGAL-AID'),
    subject: '工伤赔偿纠纷申请法律援助',
    description: '申请人在建筑工地受伤，用人单位拒绝赔偿，申请指派律师。',
    requester: { name: '刘建国', phone: '13800138003', residentId: '500112198507200016' },
    formData: legalAidForm('刘建国', '500112198507200016', '13800138003', 'work_injury', '在龙溪街道某建筑工地从事钢筋工，2026年8月作业时从脚手架坠落致腿部骨折，用人单位拒绝赔偿。'),
    protectedGroups: ['MIGRANT_WAGE', 'DISABLED'],
  }, [
    ['yubei.legalaid.staff', 29, start('GUIDE')],
    ['yubei.legalaid.staff', 28, (ctx, c) => requestMaterials(ctx, { ...c, items: [
      { key: 'case_docs', note: '请提供工伤认定决定书或医院诊断证明原件及复印件' },
      { key: 'hardship', note: '请提供经济困难状况说明表（本人签字）或免予核查的证明' },
    ] })],
  ]);

  // 4. IN_PROGRESS, flagged — a second materials request that named a new item, with its reason (Art. 14).
  await story('yubei.legalaid.staff', 70, {
    channel: 'ONSITE',
    kind: 'MATTER',
    serviceItemId: item('yubei-legal-aid/TPL-LEGAL-AID'),
    subject: '追索劳动报酬申请法律援助',
    requester: { name: '张桂兰', phone: '13800138004', residentId: '500112197809120025' },
    formData: legalAidForm('张桂兰', '500112197809120025', '13800138004', 'labor_pay', '在某物流园做分拣工八个月，老板以货款未结为由拖欠工资一万二千元。'),
    protectedGroups: ['MIGRANT_WAGE'],
  }, [
    ['yubei.legalaid.staff', 69, start('GUIDE')],
    ['yubei.legalaid.staff', 68, (ctx, c) => requestMaterials(ctx, { ...c, items: [{ key: 'case_docs', note: '请提供考勤记录或工友证言等劳动关系证明' }] })],
    ['yubei.legalaid.staff', 50, (ctx, c) => receiveMaterials(ctx, { ...c, note: '已收到考勤记录复印件' })],
    ['yubei.legalaid.staff', 49, (ctx, c) => requestMaterials(ctx, { ...c, reason: '补充材料显示另有包工头参与用工，需查明实际用工主体（新情况）', items: [{ key: 'other:subcontract', note: '请提供与包工头之间的结算单或聊天记录' }] })],
    ['yubei.legalaid.staff', 26, (ctx, c) => receiveMaterials(ctx, { ...c, note: '已收到结算单照片' })],
  ]);

  // 5. IN_PROGRESS, extended — a complex matter, the committed limit extended once with notice (Art. 15).
  await story('yubei.staff', 26, {
    channel: 'ONSITE',
    kind: 'MATTER',
    serviceItemId: item('yubei/YB-EDU-ENT'),
    subject: '企业合规普法讲座预约',
    requester: { name: '王振华', phone: '13800138005', otherContact: '微信 wzh-yubei' },
    formData: {
      org_name: '重庆两江某智能制造有限公司',
      contact_name: '王振华',
      mobile: '13800138005',
      attendees: 120,
      topics: ['labor', 'contract'],
      expected_date: civilDateAt(ago(-24 * 14)),
    },
  }, [
    ['yubei.staff', 25, start('GUIDE')],
    ['yubei.supervisor', 2, (ctx, c) => extendDeadline(ctx, { ...c, clock: 'COMMITTED', by: { unit: 'WORKING_DAYS', amount: 3 }, reason: '讲座涉及多个行业专题，需协调律师团队备课', noticeMethod: 'PHONE', noticeAt: ago(2.5) })],
  ]);

  // 6. RESOLVED — a legal consultation answered with the provisions and a risk notice, waiting for a rating.
  await story('longxi.staff', 6, {
    channel: 'ONSITE',
    kind: 'CONSULTATION',
    subject: '邻居装修漏水造成损失如何索赔',
    requester: { name: '李淑芬', phone: '13800138006' },
    strategy: 'ANSWER',
    handlingMode: 'ON_THE_SPOT',
    protectedGroups: ['ELDERLY'],
  }, [
    ['longxi.staff', 5, (ctx, c) => resolveCase(ctx, { ...c, outcome: 'ANSWERED', strategy: 'ANSWER', category: 'LEGAL',
      summary: '告知可先与邻居协商赔偿，协商不成可申请人民调解或向法院起诉，并保存漏水照片、维修票据等证据。',
      legalBasis: '《中华人民共和国民法典》第二百八十八条、第一千一百六十五条',
      riskNotice: '请注意保存证据并在三年诉讼时效内主张权利；起诉前建议进一步咨询专业人员。' })],
  ]);

  // 7. REJECTED — a notarisation request that does not meet the conditions, with the reasons told.
  await story('yubei.staff', 20, {
    channel: 'ONSITE',
    kind: 'MATTER',
    subject: '要求为未成年人单独办理房产赠与公证',
    requester: { name: '赵明', phone: '13800138007' },
  }, [
    ['yubei.staff', 19, (ctx, c) => rejectCase(ctx, { ...c, reasons: ['未成年人的房产赠与须由监护人共同到场办理，本次仅一方到场，不符合受理条件。', '已告知携带户口簿及双方监护人身份证件到公证处办理。'] })],
  ]);

  // 8. RESOLVED then REOPENED — the person came back: the answer did not settle it (Art. 22).
  await story('yubei.staff', 52, {
    channel: 'ONSITE',
    kind: 'CONSULTATION',
    subject: '物业公司拒绝退还装修押金',
    requester: { name: '孙丽娟', phone: '13800138008' },
    strategy: 'GUIDE',
  }, [
    ['yubei.staff', 51, (ctx, c) => resolveCase(ctx, { ...c, outcome: 'GUIDED', strategy: 'GUIDE', category: 'LEGAL', summary: '引导当事人向物业书面申请退还押金并申请社区人民调解。', legalBasis: '《中华人民共和国民法典》第九百四十二条', riskNotice: '调解不成的可向法院起诉，注意保存押金收据。' })],
    ['yubei.staff', 4, (ctx, c) => reopenCase(ctx, { ...c, reason: '当事人反映调解未果，物业仍拒绝退还，需进一步协助。' })],
  ]);

  // 9. A sensitive contact (Art. 11): routed to supervisors' view only.
  await story('yubei.staff', 8, {
    channel: 'ONSITE',
    kind: 'CONSULTATION',
    subject: '群体性土地征收补偿诉求',
    description: '多名村民代表来访反映征收补偿问题，情绪激动。',
    requester: { name: '周大勇', phone: '13800138009' },
    sensitive: true,
    urgency: 'URGENT',
    strategy: 'GUIDE',
  }, [['yubei.staff', 7, note('已引导通过行政复议、诉讼等法定渠道反映诉求，并报告督办。')]]);

  // 10. Another district: Yuzhong's own queue (tenant isolation is visible in the demo).
  await story('yuzhong.staff', 10, {
    channel: 'ONSITE',
    kind: 'CONSULTATION',
    subject: '交通事故误工费计算标准',
    requester: { name: '何伟', phone: '13800138010' },
    strategy: 'ANSWER',
  });

  // 11-13. Messages left online to Yubei (MESSAGE cases): one open, one rated well and closed,
  // one rated 不满意 with a follow-up and an appeal waiting for the municipal bureau's supervisor.
  const inquiry = async (hoursAgo: number, subject: string, description: string, phone: string) => {
    const r = await runAs(database, config, null, (ctx) => submitInquiry(ctx, { tenantSlug: 'yubei', subject, description, phone }), ago(hoursAgo));
    count++;
    return r;
  };
  await inquiry(2, '咨询遗嘱公证需要哪些材料', '父亲年事已高，想办理遗嘱公证，需要准备什么？能否上门办理？', '13900139001');

  const good = await inquiry(40, '劳动合同到期不续签有无补偿', '公司通知合同到期不再续签，请问能否要求经济补偿？', '13900139002');
  await afterInquiry(good, 39, '您好，劳动合同期满用人单位不续签的，一般应当支付经济补偿，具体以工作年限计算。', 36, 'VERY_SATISFIED', '回复及时，解答清楚');

  const bad = await inquiry(75, '对法律援助审查结果有异议', '申请法律援助被告知不符合条件，想了解如何提出异议。', '13900139003');
  await afterInquiry(bad, 73, '您好，对不予法律援助决定有异议的，可以向设立该法律援助机构的司法行政部门提出。', 70, 'DISSATISFIED', '等了好几天才回复');
  await runAs(database, config, as('yubei.staff'), async (ctx) => {
    const c = await loadCase(ctx.tx, bad.loaded.row.id);
    return appealRating(ctx, { id: c.row.id, version: c.row.version, reason: '答复在承诺时限内作出，评价所述与台账记录不符，申请复核。' });
  }, ago(30));

  // 14. CLOSED by the quiet period: resolved long enough ago that nobody rated it.
  await story('yubei.staff', 160, {
    channel: 'ONSITE',
    kind: 'CONSULTATION',
    subject: '租房押金纠纷如何处理',
    requester: { name: '杨帆', phone: '13800138011' },
    strategy: 'ANSWER',
  }, [
    ['yubei.staff', 159, (ctx, c) => resolveCase(ctx, { ...c, outcome: 'ANSWERED', strategy: 'ANSWER', category: 'LEGAL', summary: '告知可与房东协商或申请调解、起诉，要求返还押金。', legalBasis: '《中华人民共和国民法典》第七百零三条、第七百三十三条', riskNotice: '请保存租赁合同和转账记录，注意诉讼时效。' })],
  ]);
  await closeQuietCases(database, config, seededAt);

  // 15-19. Issue 5: transfers (accepted, rejected, pending), a 12348 dispatch (交办) down to a
  // judicial office with its feedback, and supervision orders (one open, one answered and closed).
  const tenantIds = new Map(
    rowsOf<{ id: string; slug: string }>(await database.db.execute(sql`select id, slug from tenants`)).map((r) => [r.slug, r.id]),
  );
  const tenant = (slug: string) => tenantIds.get(slug)!;

  // Accepted: the hotline passes a wage claim to the legal-aid centre, which takes it on and reports back.
  await story('hotline.staff', 50, {
    channel: 'HOTLINE',
    kind: 'CONSULTATION',
    subject: '建筑工人集体讨薪求助',
    requester: { name: '吴海军', phone: '13800138013' },
    protectedGroups: ['MIGRANT_WAGE'],
    strategy: 'REFER',
    handlingMode: 'TRANSFER',
  }, [
    ['hotline.staff', 49, (ctx, c) => transferCase(ctx, { ...c, toTenantId: tenant('yubei-legal-aid'), reason: '符合农民工讨薪法律援助条件，转法律援助中心办理' })],
    ['yubei.legalaid.staff', 47, (ctx, c) => acceptTransfer(ctx, c)],
    ['yubei.legalaid.staff', 20, (ctx, c) => postFeedback(ctx, { ...c, text: '已受理，正在审查材料，拟指派律师代理劳动仲裁。' })],
  ]);

  // Rejected: outside Yuzhong's remit; the case is back with the hotline, which keeps it.
  await story('hotline.staff', 30, {
    channel: 'HOTLINE',
    kind: 'CONSULTATION',
    subject: '外省交通事故赔偿咨询',
    requester: { name: '冯雪', phone: '13800138014' },
    strategy: 'REFER',
  }, [
    ['hotline.staff', 29, (ctx, c) => transferCase(ctx, { ...c, toTenantId: tenant('yuzhong'), reason: '当事人住渝中区，请就近提供咨询' })],
    ['yuzhong.staff', 27, (ctx, c) => rejectTransferStep(ctx, c, '事故发生地及当事人户籍均在外省，本局无管辖，建议热线直接解答并引导当地法律援助。')],
  ]);

  // Pending: Yubei passes a company-law question to a law firm, which has not decided yet.
  await story('yubei.staff', 5, {
    channel: 'ONSITE',
    kind: 'MATTER',
    subject: '小微企业股权纠纷委托代理',
    requester: { name: '钱进', phone: '13800138015' },
    strategy: 'REFER',
  }, [['yubei.staff', 4, (ctx, c) => transferCase(ctx, { ...c, toTenantId: tenant('mingli-law'), reason: '当事人自愿委托律师代理，转律师事务所' })]]);

  // 交办: the 12348 centre dispatches a neighbourhood dispute to the Longxi judicial office; Yubei
  // supervises it, the office answers, the order is closed; the office reports back.
  await story('hotline.staff', 26, {
    channel: 'HOTLINE',
    kind: 'CONSULTATION',
    subject: '小区噪音扰民纠纷请求调解',
    requester: { name: '褚玉兰', phone: '13800138016' },
    protectedGroups: ['ELDERLY'],
    strategy: 'GUIDE',
  }, [
    ['hotline.staff', 25, (ctx, c) => assignCase(ctx, { ...c, toTenantId: tenant('yubei-longxi'), reportWorkingDays: 3, note: '请联系社区人民调解委员会上门调解，三个工作日内反馈。' })],
    ['yubei.supervisor', 24, async (ctx, c) => {
      await issueSupervision(ctx, { caseId: c.id, version: c.version, reason: '涉老年人纠纷，请优先办理' });
      return loadCase(ctx.tx, c.id);
    }],
    ['longxi.staff', 20, async (ctx, c) => {
      const order = await orderOf(ctx, c.id);
      await respondToSupervision(ctx, { id: order.id, version: order.version, response: '已约双方当事人于本周调解。' });
      return loadCase(ctx.tx, c.id);
    }],
    ['yubei.supervisor', 18, async (ctx, c) => {
      const order = await orderOf(ctx, c.id);
      await closeSupervision(ctx, { id: order.id, version: order.version, note: '答复可行，继续跟进。' });
      return loadCase(ctx.tx, c.id);
    }],
    ['longxi.staff', 6, (ctx, c) => postFeedback(ctx, { ...c, text: '已组织调解，双方达成书面协议，噪音问题已整改。' })],
  ]);

  // An open order: the municipal bureau supervises the hotline's overdue case (1b above).
  const overdue = rowsOf<{ id: string }>(await database.db.execute(sql`select id from cases where subject = '农村宅基地继承问题需查询政策后回复'`))[0];
  if (overdue) {
    await runAs(database, config, as('city.supervisor'), async (ctx) => {
      const c = await loadCase(ctx.tx, overdue.id);
      await issueSupervision(ctx, { caseId: c.row.id, version: c.row.version, reason: '超过承诺时限未回电，请于限期内答复当事人并说明原因' });
    }, ago(1));
  }

  return count;

  async function afterInquiry(receipt: InquiryReceipt, tReply: number, text: string, tRate: number, level: 'VERY_SATISFIED' | 'DISSATISFIED', comment: string) {
    let cur = receipt.loaded;
    for (const [t, step] of [
      [tReply + 0.5, start('ANSWER')],
      [tReply, reply(text)],
      [tReply - 0.5, (ctx: CommandContext, x: { id: string; version: number }) => resolveCase(ctx, { ...x, outcome: 'ANSWERED', strategy: 'ANSWER', category: 'LEGAL', summary: text, legalBasis: '《中华人民共和国劳动合同法》第四十六条', riskNotice: '具体以仲裁或法院认定为准。' })],
    ] as [number, Step][]) {
      const target = { id: cur.row.id, version: cur.row.version };
      cur = (await runAs(database, config, as('yubei.staff'), (ctx) => step(ctx, target), ago(t)))!;
    }
    // The person rates with the code and secret the receipt gave them.
    await runAs(database, config, null, (ctx) => rateCase(ctx, { code: receipt.trackingCode, secret: receipt.secret, level, comment }), ago(tRate));
  }
}

/** The receiver's rejection, as a step: afterwards the receiver no longer reads the case. */
async function rejectTransferStep(ctx: CommandContext, c: { id: string; version: number }, reason: string): Promise<null> {
  return rejectTransfer(ctx, { ...c, reason });
}

async function orderOf(ctx: CommandContext, caseId: string) {
  const [order] = await ctx.tx.select().from(supervisionOrders).where(eq(supervisionOrders.caseId, caseId));
  return order!;
}

/** The legal-aid application form (TPL-LEGAL-AID), answered as a walk-in applicant would. */
function legalAidForm(name: string, id: string, mobile: string, matterType: string, facts: string): Record<string, unknown> {
  return {
    applicant_name: name,
    id_number: id,
    mobile,
    address: '重庆市渝北区龙溪街道',
    matter_type: matterType,
    special_groups: ['migrant_wage'],
    hardship_basis: 'exempt',
    case_stage: 'not_filed',
    has_agent: false,
    facts,
  };
}
