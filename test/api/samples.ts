/**
 * The people and the valid inputs the authorization matrix and the fuzz suite call every action with: a persona's
 * openid (cloud/src/matrix.ts says who each is), the fixture people the demo lacks, and one valid input per
 * action built from the demo's ids (an action needing state finds it in the demo: an open topic, a draft…).
 */
import type { ActionName, InputOf } from '../../cloud/src/contract'
import type { Persona } from '../../cloud/src/matrix'
import { householdId, personKeyOf } from '../../cloud/src/features/account/policy'
import type { Membership } from '../../cloud/src/features/account/documents'
import { T0, membershipDoc, type makeApi } from './harness'

export type Api = Awaited<ReturnType<typeof makeApi>>

export const X = 'v-xinshan'
export const W = 'v-wukan'
const DAY = 24 * 3600 * 1000
const HALL = `${X}:hall`
const LIGUILAN_LUNCH = `${HALL}:canteen@2026-11-27@11:30~p_liguilan`

/** who each persona is (cloud/src/matrix.ts describes them); fixture ones are added by addFixtures */
export const OPENID: Record<Persona, string> = {
  anonymous: 'matrix-anonymous',
  applicant: 'demo-liuxiaodong',
  resident: 'demo-liguilan',
  householdRep: 'demo-chenjianguo',
  partyMember: 'demo-linshuisheng',
  committee: 'demo-linzhiqiang',
  gridWorker: 'matrix-grid1',
  gridWorkerOtherGrid: 'matrix-grid3',
  hallStaff: 'demo-zhangxiuying',
  townOfficer: 'demo-caiguohua',
  townOfficerOtherTown: 'matrix-town-donghai',
  otherVillage: 'demo-sunli',
}

/** the people the demo has no one for: grid workers who are only that, an officer of another town */
export async function addFixtures(api: Api): Promise<void> {
  const { store } = api.ports
  const fixtures: Array<{ key: string; name: string; villageId: string; roles: Membership['roles']; gridIds?: string[]; townId?: string }> = [
    { key: 'grid1', name: '郑网格', villageId: X, roles: ['gridWorker'], gridIds: [`${X}:g1`] },
    { key: 'grid3', name: '吴网格', villageId: X, roles: ['gridWorker'], gridIds: [`${X}:g3`] },
    { key: 'town-donghai', name: '许镇干', villageId: W, roles: ['townOfficer'], townId: 't-donghai' },
  ]
  for (const f of fixtures) {
    const personId = `p_matrix_${f.key.replace('-', '_')}`
    const openid = `matrix-${f.key}`
    await store.insert('persons', { _id: personId, openid, name: f.name, createdAt: T0 - 100 * DAY })
    await store.insert('personKeys', { _id: personKeyOf(openid), personId })
    await store.insert('memberships', membershipDoc(f.villageId, personId, f.name, { roles: f.roles, gridIds: f.gridIds ?? [], townId: f.townId ?? null, joinedAt: T0 - 100 * DAY }))
  }
}

type Sample<A extends ActionName> = InputOf<A> | ((p: Persona) => InputOf<A>)
const ROAD = `${X}:t1` // open, person mode, live
const SQUARE = `${X}:t3` // closed, awaiting its decision
const LIGHTS = `${X}:t4` // decided
const DRAFT = `${X}:t6`
const LINS_HOUSE = householdId(X, '新山村东一巷12号')

/** a valid input per action, with the demo's ids (a state an action needs comes from the demo: an open topic, a draft…) */
export const SAMPLES: { [A in ActionName]?: Sample<A> } = {
  'geo.tree': {},
  'village.byScene': { scene: 'v=xinshan' },
  'village.card': { villageId: X },
  'account.me': {},
  'home.open': { villageId: X },
  'join.request': { villageId: X, name: '赵新来', doorplate: '新山村东一巷99号', relation: '户主' },
  'join.queue': { villageId: X },
  'join.decide': { villageId: X, requestId: `${X}:p_liuxiaodong`, decision: 'approve' },
  'village.overview': { villageId: X },
  'village.members': { villageId: X },
  'village.poster': { villageId: X },
  'notifications.list': {},
  'notifications.read': { ids: ['n-unknown'] },
  'register.households': { villageId: X },
  'register.setRep': { villageId: X, householdId: LINS_HOUSE, personId: 'p_liguilan' },
  'register.setHead': { villageId: X, householdId: LINS_HOUSE, personId: 'p_liguilan' },
  'register.moveHousehold': { villageId: X, householdId: LINS_HOUSE, gridId: `${X}:g2` },
  'register.endMembership': { villageId: X, personId: 'p_linjun', why: '迁出', reason: '已迁往深圳工作' },
  'account.myData': {},
  'account.requestDeletion': { reason: '不再使用' },
  'account.deletionRequests': { villageId: X },
  'account.todo': { villageId: X },
  'account.record': { villageId: X, kind: 'votes', page: 0 },
  'account.confirmDeletion': { villageId: X, personId: 'p_wangfang', reason: '已电话核实本人' },

  'rules.status': { villageId: X },
  'rules.current': { villageId: X },
  'rules.versions': { villageId: X },
  'rules.version': { villageId: X, versionId: `${X}:v1` },
  'rules.agree': { villageId: X, versionId: `${X}:v1` },
  'rules.partyCommit': { villageId: X, versionId: `${X}:v1` },
  'rules.startDraft': { villageId: X },
  'rules.saveDraft': { villageId: X, chapters: [{ title: '总则', clauses: [{ text: '村民应当遵守国家法律法规。' }] }] },
  'rules.discardDraft': { villageId: X, versionId: `${X}:v2` },
  'rules.publish': { villageId: X, versionId: `${X}:v2` },
  'rules.followUp': { villageId: X, gridId: `${X}:g1` },
  'rules.exportCsv': { villageId: X, kind: 'followUp' },

  'topics.list': { villageId: X },
  'topics.get': { villageId: X, topicId: ROAD },
  'topics.villageOf': { topicId: ROAD },
  'topics.save': {
    villageId: X,
    topicId: DRAFT,
    title: '村口停车位划线',
    question: '是否同意在村口空地划设停车位？',
    kind: 'yesno',
    mode: 'person',
    results: 'live',
    opensAt: T0 + DAY,
    closesAt: T0 + 5 * DAY,
  },
  'topics.publish': { villageId: X, topicId: DRAFT },
  'topics.discard': { villageId: X, topicId: DRAFT },
  'topics.decide': { villageId: X, topicId: SQUARE, decision: '按表决结果实施广场修缮。' },
  'topics.addUpdate': { villageId: X, topicId: LIGHTS, text: '路灯已全部安装' },
  'topics.remind': { villageId: X, topicId: ROAD },
  'topics.turnoutByGrid': { villageId: X, topicId: ROAD },
  'topics.exportCsv': { villageId: X, topicId: ROAD, kind: 'tally' },
  // the demo's cluster: three 环境卫生 reports along 新村路
  'topics.fromReports': { villageId: X, reportIds: [`${X}:r-rubbish1`, `${X}:r-rubbish2`, `${X}:r-rubbish3`], title: '新村路垃圾堆放整治', question: '是否同意在新村路设置垃圾集中投放点？' },
  'topics.roll': { villageId: X, topicId: ROAD },
  'topics.amendRoll': { villageId: X, topicId: DRAFT, key: 'p_liguilan', change: 'remove', reason: '长期在外务工' },
  'topics.count': { villageId: X, topicId: SQUARE },
  'topics.receipt': { villageId: X, topicId: SQUARE, receipt: 'K7Q2-M8XP' },
  'ballots.cast': { villageId: X, topicId: ROAD, choices: ['yes'] },
  'ballots.voters': { villageId: X, topicId: ROAD },
  'ballots.recordInPerson': { villageId: X, topicId: ROAD, voterPersonId: 'p_liguilan', choices: ['yes'] },
  'ballots.object': { villageId: X, topicId: ROAD, reason: '我没有参加现场会议' },
  // a family member, or (林志强 lives alone) the worker of his grid
  'proxies.grant': (p) => ({
    villageId: X,
    topicId: ROAD,
    proxyPersonId: ({ resident: 'p_linshuisheng', householdRep: 'p_chenxiaohong', committee: 'p_huangweiming' } as Partial<Record<Persona, string>>)[p] ?? 'p_liguilan',
  }),
  'proxies.revoke': { villageId: X, topicId: ROAD },
  'proxies.candidates': { villageId: X, topicId: ROAD },
  'proposals.list': { villageId: X },
  'proposals.create': { villageId: X, title: '修缮村口凉亭', background: '凉亭年久失修，老人常在此休息，存在安全隐患。' },
  'proposals.cosign': { villageId: X, proposalId: `${X}:pr-crossing` },
  'proposals.withdraw': { villageId: X, proposalId: `${X}:pr-elderly`, reason: '已另行解决' },
  'comments.list': { villageId: X, topicId: ROAD },
  'comments.create': { villageId: X, topicId: ROAD, text: '我赞成这个方案。' },
  'comments.like': { villageId: X, commentId: 'c-road-1' },
  'comments.hide': { villageId: X, commentId: 'c-road-6', reason: '与议题无关的内容' },
  'comments.edit': { villageId: X, commentId: 'c-road-1', text: '东一巷一下雨就是泥路，早该硬化了。' },
  'comments.delete': { villageId: X, commentId: 'c-road-1' },

  'audit.list': { villageId: X },
  'audit.actors': { villageId: X },
  'audit.verify': { villageId: X },

  'boards.list': { villageId: X, board: 'red' },
  'boards.entry': { villageId: X, entryId: `${X}:b1` },
  'boards.mine': { villageId: X },
  'boards.ranking': { villageId: X },
  'councils.list': { villageId: X },
  'boards.create': { villageId: X, board: 'black', place: '东一巷12号门前', responsible: { kind: 'household', householdId: LINS_HOUSE }, what: '门前堆放杂物占用巷道', clauseId: 'xs06' },
  'boards.issue': { villageId: X, entryId: `${X}:b13` }, // a red draft
  'boards.withdraw': { villageId: X, entryId: `${X}:b6`, reason: '已整改到位' },
  'boards.decideAppeal': { villageId: X, entryId: `${X}:b9`, decision: 'uphold', councilOpinion: '经核实排水管属隔壁空置房', reply: '情况属实，撤销该条目' },
  'boards.manage': { villageId: X },
  'boards.settings': { villageId: X },
  'boards.setSettings': { villageId: X, noticeDays: 5, expiryDays: 60 },
  'councils.appoint': { villageId: X, council: 'moral', personId: 'p_chenjianguo' },
  'councils.remove': { villageId: X, council: 'villagers', personId: 'p_wulihua', reason: '外出务工' },
  // 陈建国's household's entry in its notice period
  'boards.appeal': { villageId: X, entryId: `${X}:b8`, text: '垃圾当天已经清理干净，请核实' },
  'boards.nominate': { villageId: X, nomineeName: '黄德明', nomineePersonId: 'p_huangdeming', deed: '下塘救起落水的邻居小孩，并送医检查' },
  'boards.nominations': { villageId: X },
  'boards.reviewNomination': { villageId: X, nominationId: `${X}:n2`, decision: 'accept', reason: '事迹属实，入选善行义举榜' },

  // booking: T0 is Thursday 26 November 2026, 10:00 in Beijing; the demo seeds 李桂兰's lunch tomorrow (booked by her son)
  'booking.hallByScene': { scene: `h=${HALL}` },
  'booking.halls': { villageId: X },
  'booking.hall': { villageId: X, hallId: HALL },
  'booking.days': { villageId: X, serviceId: `${HALL}:canteen` },
  'booking.book': { villageId: X, slotId: `${HALL}:publicService@2026-11-27@09:00` },
  'booking.cancel': { villageId: X, bookingId: LIGUILAN_LUNCH },
  'booking.checkIn': { villageId: X, hallId: HALL, bookingId: LIGUILAN_LUNCH },
  'booking.mine': { villageId: X },
  'booking.family': { villageId: X },
  'booking.authorize': { villageId: X, delegateId: 'p_chenxiaohong' },
  'booking.revoke': { villageId: X, delegationId: `${X}:p_wulihua:p_chenxiaohong` },
  'booking.dayList': { villageId: X, hallId: HALL },
  'booking.headcount': { villageId: X, hallId: HALL },
  'booking.exportCsv': { villageId: X, hallId: HALL, kind: 'day' },
  // today's lunch has not started at 10:00: refused for the time, not for who asks
  'booking.markNoShow': { villageId: X, bookingId: `${HALL}:canteen@2026-11-26@11:30~p_liguilan` },
  'booking.staffBook': { villageId: X, slotId: `${HALL}:canteen@2026-11-27@11:30`, name: '陈阿婆', note: '电话 13800000000' },
  'booking.people': { villageId: X },
  'booking.setPerson': { villageId: X, personId: 'p_wulihua', resetNoShows: true },
  'booking.setup': { villageId: X, hallId: HALL },
  'booking.households': { villageId: X, hallId: HALL, q: '新村路' },
  'booking.saveService': {
    villageId: X,
    hallId: HALL,
    kind: 'volunteer',
    name: '义务量血压',
    rules: [{ weekdays: [2, 4], start: '09:00', end: '11:00', stepMinutes: 30, capacity: 3, label: null }],
    windowDays: 7,
    cutoffMinutes: 60,
    perPersonLimit: 2,
  },
  'booking.setNoShowLimit': { villageId: X, noShowLimit: 3 },
  'booking.poster': { villageId: X, hallId: HALL },

  // reports (the demo's, cloud/src/features/reports/seed.ts): 吴丽华's 路灯 waits in 第一网格, 林俊's 井盖 is accepted there,
  // 郑志远's 围墙 in progress, 李桂兰's 排水沟 resolved; a point inside 第一网格's area
  'reports.settings': { villageId: X },
  'reports.nearby': { villageId: X, category: '道路设施', point: { lng: 115.332, lat: 22.9306 } },
  'reports.create': { villageId: X, category: '环境卫生', text: '东一巷口垃圾桶旁堆了很多装修垃圾。', photos: [], place: { address: '新山村东一巷口', point: { lng: 115.3312, lat: 22.9305 } }, anonymous: false },
  'reports.metoo': { villageId: X, reportId: `${X}:r-lamp` },
  'reports.mine': { villageId: X },
  'reports.get': { villageId: X, reportId: `${X}:r-lamp` },
  'reports.confirm': { villageId: X, reportId: `${X}:r-drain`, rating: 5, note: '疏通得很干净' },
  'reports.reopen': { villageId: X, reportId: `${X}:r-drain`, reason: '下雨又漫上来了' },
  'reports.map': { villageId: X },
  'reports.queue': { villageId: X, filter: 'open' },
  'reports.accept': { villageId: X, reportId: `${X}:r-lamp`, expectedDate: '2026-11-28', note: null },
  'reports.reject': { villageId: X, reportId: `${X}:r-lamp`, reason: '路灯属于供电所管理，请拨打95598' },
  'reports.transfer': { villageId: X, reportId: `${X}:r-lamp`, to: { kind: 'grid', gridId: `${X}:g2` }, reason: '该路段归第二网格' },
  'reports.start': { villageId: X, reportId: `${X}:r-manhole`, note: '已联系施工队' },
  'reports.resolve': { villageId: X, reportId: `${X}:r-wall`, note: '围墙已重新砌好', photos: [`local://villages/${X}/photos/20261126/wall-done.jpg`] },
  'reports.figures': { villageId: X },
  'reports.town': { villageId: X },
  'reports.exportCsv': { villageId: X, scope: 'village' },
  'reports.clusters': { villageId: X },
  'reports.setSettings': {
    villageId: X,
    categories: [
      { name: '环境卫生', acceptHours: 12, resolveDays: 3 },
      { name: '道路设施', acceptHours: 24, resolveDays: 7 },
      { name: '其他', acceptHours: 48, resolveDays: 7 },
    ],
    autoConfirmDays: 7,
  },

  // volunteer: 林水生 signed up for the clean-up in two days; 李桂兰 for the talk under way; the patrol ended yesterday
  'volunteer.byScene': { scene: 'a=va-xs-clean' },
  'volunteer.activities': { villageId: X },
  'volunteer.activity': { villageId: X, activityId: 'va-xs-clean' },
  'volunteer.signUp': { villageId: X, activityId: 'va-xs-clean' },
  'volunteer.cancel': { villageId: X, activityId: 'va-xs-clean' },
  'volunteer.checkIn': { villageId: X, activityId: 'va-xs-water' },
  'volunteer.mine': { villageId: X },
  'volunteer.totals': { villageId: X },
  'volunteer.save': { villageId: X, title: '河道清理', place: '新山村小河边', startsAt: T0 + 3 * DAY, endsAt: T0 + 3 * DAY + 2 * 3600_000, capacity: 10, bring: '雨靴', description: '清理小河两岸垃圾。' },
  'volunteer.confirm': { villageId: X, activityId: 'va-xs-sort' },
  'volunteer.poster': { villageId: X, activityId: 'va-xs-clean' },

  'mailbox.settings': { villageId: X },
  'mailbox.write': { villageId: X, to: 'committee', subject: '村口垃圾桶不够用', text: '村口只有两个垃圾桶，周末经常满出来，能不能再加两个？', photos: [], anonymous: false, consent: true, publicName: false, about: null },
  'mailbox.mine': { villageId: X },
  'mailbox.get': { villageId: X, letterId: `${X}:m-fee` },
  'mailbox.rate': { villageId: X, letterId: `${X}:m-allowance`, rating: 5, note: '说得很清楚' },
  'mailbox.consent': { villageId: X, letterId: `${X}:m-allowance`, consent: true, publicName: false },
  'mailbox.public': { villageId: X },
  'mailbox.inbox': { villageId: X, filter: 'waiting' },
  'mailbox.accept': { villageId: X, letterId: `${X}:m-water`, note: null },
  'mailbox.reply': { villageId: X, letterId: `${X}:m-lamp`, text: '已联系供电所，本周内更换路灯。', photos: [] },
  'mailbox.publish': { villageId: X, letterId: `${X}:m-fee`, public: false },
  'mailbox.setSettings': { villageId: X, replyDays: 5 },

  'affairs.notices': { villageId: X, category: null },
  'affairs.notice': { villageId: X, noticeId: `${X}:n-water` },
  'affairs.duties': { villageId: X },
  'affairs.duty': { villageId: X, dutyId: `${X}:d-duty-3` },
  'affairs.finance': { villageId: X, periodId: null },
  'affairs.importFinance': { villageId: X, period: '2026年第四季度', csv: '日期,类别,摘要,收入,支出\n2026-10-08,发包收入,东塘鱼塘承包费（第四季度）,84000,\n' },
  'affairs.publishNotice': { villageId: X, noticeId: null, category: 'village', title: '村道清扫安排', text: '本周六上午组织清扫新村路，欢迎村民参加。', photos: [], from: '2026-11-27', until: '2026-12-31' },
  'affairs.removeNotice': { villageId: X, noticeId: `${X}:n-water`, reason: '停水时间改期，另行通知' },
  'affairs.saveDuty': { villageId: X, dutyId: `${X}:d-duty-3`, kind: 'duty', name: '宅基地申请初审', basis: '《土地管理法》第六十二条', steps: ['提出申请', '村委会初审', '报镇审批'], responsible: '村委会主任', timeLimit: '15个工作日', guide: null },

  'workspace.grid': { villageId: X },
  'workspace.households': { villageId: X, gridId: `${X}:g1` },
  'workspace.visits': { villageId: X },
  'workspace.recordVisit': { villageId: X, householdId: LINS_HOUSE, date: '2026-11-26', note: '入户了解鱼塘承包方案的意见，已提醒户代表按时投票。', photos: [] },
  'workspace.town': { villageId: X },
  'workspace.hall': { villageId: X },

  'dev.identities': {},
}

export function sampleFor(action: ActionName, p: Persona): unknown {
  const s = SAMPLES[action] as Sample<ActionName> | undefined
  return typeof s === 'function' ? s(p) : s
}

