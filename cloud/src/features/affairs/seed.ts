/**
 * Demo 村务公开, relative to now. 新山村 has notices in every state: current (one 林水生 has read, one nobody has),
 * one not yet begun, an expired one, a party notice with no end date; 河南社区 one. Both have a 小微权力清单 of their
 * kind (a village: 村务 and collective assets; a community: residents' services), each across 职责, 协助 and 禁入,
 * the usable duties with their 办事指南 and the 无证明 ones saying why no certificate is needed. 新山村 has its third
 * quarter's accounts (财务公开), imported from the CSV below; where the demo has storage, its finance notice carries
 * the accounts as a small PDF (附件).
 */
import type { Store } from '../../ports/store'
import type { Files } from '../../ports/ports'
import type { Attachment } from '../../common/documents'
import { tinyPdf } from '../../common/pdf'
import { shanghaiDayPlus } from '../../common/time'
import type { Duty, DutyGuide, DutyKind, Notice, NoticeRead } from './documents'
import { parseFinanceCsv } from './finance-csv'

const X = 'v-xinshan'
const H = 'v-henan'
const DAY = 24 * 3600 * 1000
const pid = (key: string) => `p_${key}`

interface NoticeSpec {
  key: string
  category: Notice['category']
  title: string
  text: string
  /** days from today */
  from: number
  until: number | null
  readers: string[]
}

const XINSHAN_NOTICES: NoticeSpec[] = [
  {
    key: 'n-water',
    category: 'village',
    title: '关于12月自来水管网改造停水的通知',
    text: '因新村路自来水管网改造，本周六上午8:00至下午5:00，第一、第二网格停水。请各户提前储水，关好水龙头，来水后先放水一分钟再使用。如有困难请拨打村委会电话。',
    from: -2,
    until: 5,
    readers: ['linshuisheng', 'chenjianguo'],
  },
  {
    key: 'n-medical',
    category: 'village',
    title: '2027年度城乡居民医保开始缴费',
    text: '2027年度城乡居民基本医疗保险开始缴费，个人缴费标准以县医保局公布为准。可通过微信“粤医保”小程序、银行网点缴费，也可到党群服务中心由工作人员协助办理。低保、特困人员由政府资助参保，无需自己缴费。',
    from: -6,
    until: 25,
    readers: ['linshuisheng'],
  },
  {
    key: 'n-finance',
    category: 'finance',
    title: '2026年第三季度村级财务公开',
    text: '2026年第三季度村集体收入合计12.6万元（鱼塘承包费8.4万元、厂房租金3.2万元、上级补助1万元），支出合计9.1万元（村道维修4.6万元、保洁员工资2.4万元、办公及水电2.1万元）。明细张贴于村务公开栏，欢迎村民监督。',
    from: -20,
    until: 10,
    readers: ['linshuisheng', 'liguilan', 'chenjianguo'],
  },
  {
    key: 'n-party',
    category: 'party',
    title: '12月主题党日活动安排',
    text: '本月主题党日定于12月10日上午9:00在党群服务中心三楼会议室举行，内容为学习村规民约修订情况、开展“我为群众办实事”走访。请全体党员准时参加，因事不能参加的向支部书记请假。',
    from: -1,
    until: null,
    readers: [],
  },
  {
    key: 'n-flu',
    category: 'other',
    title: '冬季流感疫苗免费接种',
    text: '镇卫生院12月在党群服务中心设置临时接种点，60岁以上老人可免费接种流感疫苗。请携带身份证，接种后留观30分钟。',
    from: 3,
    until: 20,
    readers: [],
  },
  {
    key: 'n-typhoon',
    category: 'village',
    title: '台风“山神”防御提示',
    text: '台风已过境，各户请检查房屋、电线，发现险情及时报告网格员。暂停开放的海边步道已恢复开放。',
    from: -40,
    until: -30,
    readers: ['linshuisheng', 'liguilan'],
  },
]

const HENAN_NOTICES: NoticeSpec[] = [
  {
    key: 'n-parking',
    category: 'village',
    title: '海滨路停车位划线施工通知',
    text: '社区将于下周对海滨路两侧重新划设停车位，施工期间请居民将车辆停放至社区广场临时停车区，给您带来不便敬请谅解。',
    from: -3,
    until: 7,
    readers: [],
  },
]

function noticesOf(villageId: string, specs: NoticeSpec[], by: { id: string; name: string }, now: number, attached: Record<string, Attachment[]> = {}): { notices: Notice[]; reads: NoticeRead[] } {
  const notices: Notice[] = []
  const reads: NoticeRead[] = []
  for (const s of specs) {
    const _id = `${villageId}:${s.key}`
    const createdAt = now + Math.min(s.from, 0) * DAY - 2 * DAY
    notices.push({ _id, villageId, category: s.category, title: s.title, text: s.text, photos: [], attachments: attached[s.key] ?? [], from: shanghaiDayPlus(now, s.from), until: s.until === null ? null : shanghaiDayPlus(now, s.until), createdBy: by.id, createdByName: by.name, createdAt, updatedAt: createdAt, reads: s.readers.length })
    for (const [i, key] of s.readers.entries()) reads.push({ _id: `${_id}:${pid(key)}`, villageId, noticeId: _id, personId: pid(key), at: createdAt + (i + 1) * 3600_000 })
  }
  return { notices, reads }
}

/** a duty as [name, basis, steps, responsible, time limit, guide?] */
type DutySpec = [string, string, string[], string, string, DutyGuide?]

const hall = (where: string, phone: string) => (bring: string[], needsCertificate: boolean, certificateNote: string, when = '工作日 8:30–12:00，14:30–17:30'): DutyGuide => ({ bring, where, when, phone, needsCertificate, certificateNote })

const xs = hall('新山村党群服务中心一楼办事窗口', '0660-6801000')
const XINSHAN_DUTIES: Record<DutyKind, DutySpec[]> = {
  duty: [
    ['村民会议、村民代表会议的召集', '《村民委员会组织法》第二十一条、第二十五条', ['村“两委”提出议题', '党组织会议研究', '提前7日公告会议议题', '召开会议表决', '公开决议及落实情况'], '村党组织书记、村委会主任', '按会议议程'],
    ['村集体资产资源发包、出租', '《村民委员会组织法》第二十四条；《广东省农村集体资产管理条例》', ['拟定方案', '村民代表会议表决', '在镇农村集体资产交易平台公开交易', '签订合同', '结果公开'], '村委会主任、村报账员', '约30日'],
    ['宅基地申请初审', '《土地管理法》第六十二条；县宅基地审批管理办法', ['户主提出书面申请', '村民小组会议讨论', '村委会初审并公示7日', '报镇政府审批'], '村委会主任', '15个工作日（不含公示）', xs(['户口簿', '户主身份证', '宅基地申请表（窗口领取）'], false, '无需开具“无房证明”：住房情况由村委会初审时实地核查并公示，不再让村民自己开证明。')],
    ['低保、特困供养申请受理', '《社会救助暂行办法》；《广东省最低生活保障制度实施办法》', ['申请人到村提交申请', '入户调查', '民主评议', '村内公示7日', '报镇审核'], '村民政专干', '受理即时，调查5个工作日', xs(['申请人及共同生活家庭成员身份证、户口簿', '银行卡或存折', '残疾证、病历（如有）'], false, '无需开具“家庭困难证明”：家庭经济状况由镇民政办通过核对系统联网核查，村委会入户调查即可。')],
    ['高龄津贴申请', '《广东省高龄老人津贴制度》', ['本人或家属提交申请', '村委会核对年龄', '报镇审核发放'], '村民政专干', '即时受理', xs(['老人身份证', '户口簿', '本人社保卡或银行卡'], false, '无需开具“年龄证明”“生存证明”：年龄以身份证为准，生存状态由系统每年比对。')],
    ['残疾人两项补贴申请', '《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》', ['提交申请', '村委会初审', '报镇审核、县残联审批'], '村残协专干', '即时受理', xs(['残疾人证', '身份证', '户口簿', '银行卡'], false, '无需开具证明：残疾等级以残疾人证为准，家庭情况由民政系统联网核查。')],
    ['村级财务公开', '《村民委员会组织法》第三十条；《广东省村务公开条例》', ['报账员整理收支', '民主理财小组审核', '每季度在公开栏和小程序公开', '接受村民询问'], '村报账员、村务监督委员会', '每季度'],
    ['调解邻里纠纷', '《人民调解法》', ['当事人申请或网格员发现', '调解委员会受理', '组织调解', '达成协议并回访'], '村人民调解委员会', '受理后15日内', xs(['身份证', '与纠纷有关的材料（如有）'], false, '无需任何证明：当面或电话说明情况即可，调解不收费。', '工作日；急事随时联系网格员')],
    ['村规民约的制定与修订', '《村民委员会组织法》第二十七条', ['征求意见', '村民会议或村民代表会议表决', '报镇备案', '公布并组织承诺'], '村党组织书记', '按修订计划'],
    ['人居环境整治与保洁', '《广东省农村人居环境整治工作方案》', ['划分保洁责任区', '保洁员每日清扫', '网格员巡查', '每月评比'], '村委会副主任', '日常'],
  ],
  assist: [
    ['协助城乡居民医保、养老保险征缴', '《社会保险法》；县医保、社保部门年度通知', ['宣传动员', '协助村民在线缴费', '汇总未参保名单报镇'], '村社保协理员', '按年度征缴期', xs(['身份证或社保卡'], false, '无需证明：缴费凭身份证在线办理，工作人员现场协助。')],
    ['协助征兵工作', '《兵役法》', ['宣传', '适龄青年登记', '协助体检政审'], '村民兵营长', '按征兵期'],
    ['协助森林防火与三防', '《森林防火条例》；县三防指挥部通知', ['巡查', '转移群众', '报送灾情'], '村委会主任', '汛期、防火期'],
    ['协助人口普查、农业普查等统计调查', '《统计法》', ['入户登记', '核对数据', '报送'], '村统计员', '按统计部门安排'],
    ['协助办理居住证明所需的信息核实', '公安机关居住证管理规定', ['派出所发起核查', '网格员核实居住情况', '回复派出所'], '网格员', '3个工作日', xs(['无需到村委会：直接到派出所或“粤省事”申办'], false, '村委会不再开具“居住证明”：由派出所向网格员核实，居民不用来回跑。')],
  ],
  banned: [
    ['开具“亲属关系证明”', '广东省取消村（居）证明事项清单', ['不予受理；亲属关系以户口簿、出生医学证明、结婚证等为准'], '—', '—'],
    ['开具“无犯罪记录证明”', '公安机关职责，村委会无权出具', ['不予受理；请到派出所或“粤省事”申请'], '—', '—'],
    ['开具“健在证明”“生存证明”', '广东省取消村（居）证明事项清单', ['不予受理；养老金资格认证通过人脸识别或社保部门上门认证'], '—', '—'],
    ['承担招商引资、协税护税任务', '民政部关于村级组织工作事项清单的意见', ['不予承担'], '—', '—'],
    ['为企业、个人的经济纠纷提供担保', '《村民委员会组织法》', ['不予承担'], '—', '—'],
  ],
}

const hn = hall('河南社区党群服务中心一楼综合窗口', '0660-6804000')
const HENAN_DUTIES: Record<DutyKind, DutySpec[]> = {
  duty: [
    ['居民会议、居民代表会议的召集', '《城市居民委员会组织法》第十条', ['社区“两委”提出议题', '提前公告', '召开会议表决', '公开结果'], '社区党委书记、居委会主任', '按会议议程'],
    ['居民公约的制定与修订', '《城市居民委员会组织法》第十五条', ['征求意见', '居民会议讨论通过', '报街道备案', '公布'], '社区党委书记', '按修订计划'],
    ['低保、特困、临时救助申请受理', '《社会救助暂行办法》', ['提交申请', '入户调查', '社区公示7日', '报街道审核'], '社区民政专干', '受理即时，调查5个工作日', hn(['申请人及家庭成员身份证、户口簿', '银行卡', '病历或其他困难材料（如有）'], false, '无需开具“家庭困难证明”：收入和财产由民政核对系统联网核查。')],
    ['老年人优待证、高龄津贴办理', '《广东省老年人权益保障条例》', ['提交申请', '社区核对', '街道审核发放'], '社区民政专干', '即时受理', hn(['身份证', '一寸照片一张（优待证）', '银行卡（津贴）'], false, '无需证明：年龄以身份证为准，当场办理。')],
    ['出租屋和流动人口登记', '《广东省流动人口服务管理条例》', ['房东或租客到社区登记', '网格员核实', '录入系统'], '社区网格员', '即时办结', hn(['租客身份证', '租赁合同', '房屋产权证明复印件（房东）'], false, '无需“居住证明”：租赁合同加网格员核实即可登记，可凭登记信息申办居住证。')],
    ['调解邻里、物业纠纷', '《人民调解法》', ['申请', '受理', '调解', '回访'], '社区人民调解委员会', '受理后15日内', hn(['身份证'], false, '无需证明：说明情况即可，调解不收费。', '工作日；急事联系网格员')],
    ['社区志愿服务组织', '《志愿服务条例》', ['发布活动', '招募志愿者', '记录服务时长'], '社区居委会副主任', '日常'],
    ['社区财务与事务公开', '《城市居民委员会组织法》', ['每季度整理', '公开栏和小程序公开', '接受居民询问'], '社区居委会、居务监督委员会', '每季度'],
  ],
  assist: [
    ['协助就业登记与失业登记', '《就业促进法》', ['居民线上申请', '社区协助录入', '街道审核'], '社区劳动保障协理员', '即时受理', hn(['身份证', '社保卡'], false, '无需开具“失业证明”：就业状态以社保缴费记录为准。')],
    ['协助计划生育与母婴服务登记', '《广东省人口与计划生育条例》', ['线上登记', '社区协助核对'], '社区卫计专干', '即时办理', hn(['夫妻双方身份证', '结婚证（如有）'], false, '无需证明：生育登记在“粤省事”直接办理，社区只协助操作。')],
    ['协助消防、燃气安全检查', '街道安全生产工作要求', ['网格员入户宣传', '发现隐患报街道'], '社区网格员', '按检查计划'],
    ['协助退役军人服务', '《退役军人保障法》', ['信息采集', '走访慰问', '政策宣传'], '社区退役军人服务站', '日常'],
    ['协助城市居民医保参保', '《社会保险法》', ['宣传', '协助线上缴费'], '社区社保协理员', '按征缴期', hn(['身份证或社保卡'], false, '无需证明：凭身份证在线缴费。')],
  ],
  banned: [
    ['开具“居住证明”“无房证明”', '广东省取消村（居）证明事项清单', ['不予受理；由主管部门联网核查'], '—', '—'],
    ['开具“婚姻状况证明”“单身证明”', '民政部门职责，社区无权出具', ['不予受理；婚姻状况由民政部门查询'], '—', '—'],
    ['为商业活动盖章背书', '民政部关于社区工作事项准入的规定', ['不予承担'], '—', '—'],
    ['承担城市管理执法、拆违执法', '执法权属街道综合执法队', ['不予承担；发现问题报街道'], '—', '—'],
  ],
}

function dutiesOf(villageId: string, lists: Record<DutyKind, DutySpec[]>, byName: string, now: number): Duty[] {
  return (Object.entries(lists) as Array<[DutyKind, DutySpec[]]>).flatMap(([kind, specs]) =>
    specs.map(([name, basis, steps, responsible, timeLimit, guide], i) => ({ _id: `${villageId}:d-${kind}-${i + 1}`, villageId, order: i + 1, kind, name, basis, steps, responsible, timeLimit, guide: guide ?? null, updatedAt: now - 60 * DAY, updatedByName: byName })),
  )
}

/** 新山村's third quarter as its accountant's CSV has it (the notice n-finance sums it up) */
export const XINSHAN_Q3_CSV = `日期,类别,摘要,收入,支出
2026-07-05,发包收入,东塘鱼塘承包费（第三季度）,"84,000.00",
2026-07-10,租金收入,村东厂房租金（7—9月）,"32,000.00",
2026-08-20,上级补助,镇人居环境整治补助,"10,000.00",
2026-07-15,村道维修,新村路坑洼修补,,"18,600.00"
2026-08-28,村道维修,东一巷排水沟加盖,,"27,400.00"
2026-07-31,人员工资,保洁员工资（7月）,,"8,000.00"
2026-08-31,人员工资,保洁员工资（8月）,,"8,000.00"
2026-09-30,人员工资,保洁员工资（9月）,,"8,000.00"
2026-09-15,办公及水电,党群服务中心水电费,,"12,300.00"
2026-09-20,办公及水电,办公用品,,"8,700.00"
`

export const DEMO_PDF_NAME = '2026年第三季度收支明细表.pdf'

/** the finance notice's attachment: the quarter's lines as a one-page PDF, at a fixed path (writing it again changes nothing) */
async function financePdf(files: Files): Promise<Attachment> {
  const lines = parseFinanceCsv(XINSHAN_Q3_CSV)
  const yuan = (fen: number) => (fen / 100).toFixed(2)
  const pdf = tinyPdf('新山村2026年第三季度财务收支明细', [
    ...lines.map((l) => `${l.date}  ${l.category}  ${l.summary}  ${l.income ? `收入 ${yuan(l.income)}` : `支出 ${yuan(l.spending)}`}`),
    '',
    `收入合计 ${yuan(lines.reduce((s, l) => s + l.income, 0))} 元，支出合计 ${yuan(lines.reduce((s, l) => s + l.spending, 0))} 元`,
    '新山村村民委员会、村务监督委员会',
  ])
  const { fileId } = await files.put(`villages/${X}/documents/demo/2026q3-finance.pdf`, pdf, 'application/pdf')
  return { fileId, name: DEMO_PDF_NAME, size: pdf.length }
}

export async function seedAffairs(store: Store, now: number, files?: Files): Promise<void> {
  await store.insert('financePeriods', { _id: `${X}:2026年第三季度`, villageId: X, period: '2026年第三季度', lines: parseFinanceCsv(XINSHAN_Q3_CSV), importedAt: now - 21 * DAY, importedByName: '陈美玲' })
  const attached: Record<string, Attachment[]> = files ? { 'n-finance': [await financePdf(files)] } : {}
  const x = noticesOf(X, XINSHAN_NOTICES, { id: pid('linzhiqiang'), name: '林志强' }, now, attached)
  const h = noticesOf(H, HENAN_NOTICES, { id: pid('zhoumin'), name: '周敏' }, now)
  for (const n of [...x.notices, ...h.notices]) await store.insert('notices', n)
  for (const r of [...x.reads, ...h.reads]) await store.insert('noticeReads', r)
  for (const d of [...dutiesOf(X, XINSHAN_DUTIES, '林志强', now), ...dutiesOf(H, HENAN_DUTIES, '周敏', now)]) await store.insert('duties', d)
}
