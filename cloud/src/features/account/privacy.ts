/**
 * 个人信息 (个人信息保护法): a person sees everything held about them, and may ask for it to be deleted;
 * a committee of one of their villages confirms (the reason audited).
 *
 * What deletion does, collection by collection (PERSONAL_DATA below names every one that holds a
 * person; test/api/privacy.test.ts fails when a collection names a person and is not listed):
 * - removed: memberships (a household's 户代表 slot is left empty), join requests, notifications,
 *   rule agreements, comment likes (the comment's count follows), the openid claim (personKeys)
 * - anonymised (kept, shown as 已注销用户): the person record (name and openid cleared, so the WeChat
 *   account starts again as a new visitor), comments, proposals and co-signatures, proxies, voter
 *   rolls, and ballots of ended topics (voter fields cleared; receipt and choices stay, so the
 *   published count and the tally still verify); on the boards, entries naming the person (or the
 *   household they headed), their appeals and their nominations, given or received, kept for the
 *   village's record under 已注销用户; 四会 memberships removed; bookings kept under 已注销用户 (a seat of one not over
 *   given back), authorisations and the booking register removed (booking/privacy.ts); 随手拍 reports kept for the
 *   grid's record under 已注销用户 (reporter and their history entries), their 同问 marks removed (the counts stay)
 *   志愿服务 sign-ups kept under 已注销用户 for the village's hours (an upcoming place or place in line given back);
 *   removed from the organisers of their volunteer organisation (an activity's poster is the organiser in office: kept);
 *   a grid worker's 走访记录 kept for the grid's record under 已注销用户
 * - refused while the person has a ballot in a topic still open (请在表决结束后再注销): removing it
 *   would change a count people are watching, and the roll fixed at the opening counts them.
 * - kept as written: the audit log (a hash chain: what a committee did in public office, with the
 *   labels it used then; no entry is ever edited), and what committee members wrote in office
 *   (a topic's author, a decision's signature, a board entry's author, an appeal's decision, a review).
 */
import { ACCESS, type Context, type Handlers, type MemberContext } from '../../handler'
import { ApiError } from '../../errors'
import { DuplicateIdError, type CollectionName, type Collections, type Filter, type Store } from '../../ports/store'
import { audit } from '../../common/audit'
import { getMany } from '../../common/load'
import { auditActionLabel } from '../../common/audit-labels'
import { shanghaiTime } from '../../common/time'
import { notifyCommittee } from './common'
import { countHousehold, countMember } from './residents'
import { keepWaiting } from './waiting'
import { JOIN_STATUS_LABELS, peopleWord, roleWord } from './documents'
import { DELETED_NAME, OPEN_BALLOT_REFUSAL, type DeletionRequest } from './privacy-documents'
import type { DeletionView, MyData, MyDataSection, privacyActions } from './privacy-contract'
import { pageUrl } from '../../../../src/routes'
import { BOARD_LABELS, LETTER_STATUS_LABELS, BOOKING_STATUS_LABELS, COUNCIL_LABELS, ENTRY_STATUS_LABELS, NOMINATION_STATUS_LABELS, REPORT_STATUS_LABELS, SIGNUP_STATUS_LABELS, hoursText } from '../../contract/tables'

const ALL = 100_000
const CHUNK = 100

/** Every collection that names a person, and the fields that do (the test keeps this list complete). */
export const PERSONAL_DATA: Partial<Record<CollectionName, readonly string[]>> = {
  persons: ['_id'],
  personKeys: ['personId'],
  memberships: ['personId'],
  joinRequests: ['personId'],
  notifications: ['personId'],
  // and the last visit's grid worker (workspace keeps it on the household; renamed like the visits below)
  households: ['repPersonId', 'lastVisit.visitorId'],
  ruleAgreements: ['personId'],
  ballots: ['personId', 'castBy'],
  proxies: ['grantorId', 'proxyId'],
  comments: ['authorId'],
  commentLikes: ['personId'],
  proposals: ['proposerId'],
  cosigns: ['personId'],
  topicRolls: ['entries.personId'],
  topicRollPages: ['entries.personId'],
  deletionRequests: ['personId'],
  // kept on purpose (see above): what was done in office, and the chained log
  auditLog: ['actorId'],
  topics: ['createdBy'],
  ruleVersions: ['createdBy', 'publishedBy'],
  noticeOutbox: ['to'],
  boardEntries: ['responsible.personId', 'appeal.by', 'createdBy', 'appeal.decidedBy', 'withdrawn.by'],
  nominations: ['by', 'nomineePersonId', 'review.by'],
  councilMembers: ['personId'],
  bookings: ['personId', 'bookedBy'],
  bookingDelegates: ['personId', 'delegateId', 'recordedBy'],
  bookingPeople: ['personId'],
  reports: ['reporterId', 'history.by'],
  reportMeToos: ['personId'],
  // 村务公开: the read marks are removed; a notice's author is the committee in office (kept)
  noticeReads: ['personId'],
  notices: ['createdBy'],
  // 志愿服务: sign-ups anonymised, organisers removed; an activity's poster is the organiser in office (kept)
  volunteerSignups: ['personId'],
  volunteerHours: ['personId'],
  volunteerOrgs: ['organisers'],
  volunteerActivities: ['createdBy'],
  letters: ['writerId', 'history.by'],
  // 走访记录: kept for the grid's record under 已注销用户 (the visits name a household by its doorplate, not its people)
  visits: ['visitorId'],
}

const find = <C extends CollectionName>(store: Store, collection: C, filter: Filter) => store.find(collection, filter, { limit: ALL })

/** Everything of the person's, read once for the page and for deletion. */
async function holdings(store: Store, personId: string) {
  const [memberships, joinRequests, notifications, ruleAgreements, ballots, castForOthers, granted, received, comments, likes, proposals, cosigns, deletion] = await Promise.all([
    find(store, 'memberships', { personId }),
    find(store, 'joinRequests', { personId }),
    find(store, 'notifications', { personId }),
    find(store, 'ruleAgreements', { personId }),
    find(store, 'ballots', { personId }),
    find(store, 'ballots', { castBy: personId }),
    find(store, 'proxies', { grantorId: personId }),
    find(store, 'proxies', { proxyId: personId }),
    find(store, 'comments', { authorId: personId }),
    find(store, 'commentLikes', { personId }),
    find(store, 'proposals', { proposerId: personId }),
    find(store, 'cosigns', { personId }),
    store.get('deletionRequests', personId),
  ])
  const [boardEntries, appeals, nominated, nominations, councils] = await Promise.all([
    find(store, 'boardEntries', { 'responsible.personId': personId }),
    find(store, 'boardEntries', { 'appeal.by': personId }),
    find(store, 'nominations', { nomineePersonId: personId }),
    find(store, 'nominations', { by: personId }),
    find(store, 'councilMembers', { personId }),
  ])
  const [bookings, bookedForOthers, delegations, delegated] = await Promise.all([
    find(store, 'bookings', { personId }),
    find(store, 'bookings', { bookedBy: personId }),
    find(store, 'bookingDelegates', { personId }),
    find(store, 'bookingDelegates', { delegateId: personId }),
  ])
  const booking = { bookings, bookedForOthers: bookedForOthers.filter((b) => b.personId !== personId), delegations, delegated }
  const [reported, metoos] = await Promise.all([find(store, 'reports', { reporterId: personId }), find(store, 'reportMeToos', { personId })])
  const reports = { reported, metoo: await getMany(store, 'reports', metoos.map((m) => m.reportId)), marks: metoos }
  const volunteering = await find(store, 'volunteerSignups', { personId })
  const letters = await find(store, 'letters', { writerId: personId })
  const visits = await find(store, 'visits', { visitorId: personId })
  const noticeReads = await find(store, 'noticeReads', { personId })
  const affairs = { reads: noticeReads, notices: await getMany(store, 'notices', noticeReads.map((r) => r.noticeId)) }
  const topics = await getMany(store, 'topics', [...ballots, ...castForOthers, ...granted, ...received, ...comments, ...likes].map((x) => x.topicId))
  return { memberships, joinRequests, notifications, ruleAgreements, ballots, castForOthers, granted, received, comments, likes, proposals, cosigns, deletion, topics, boardEntries, appeals, nominated, nominations, councils, booking, reports, volunteering, letters, visits, affairs }
}
type Holdings = Awaited<ReturnType<typeof holdings>>

/** A ballot in a topic still open blocks deletion. */
function openBallotBlock(h: Holdings): string | null {
  const open = new Set(h.topics.filter((t) => t.status === 'open').map((t) => t._id))
  const topic = h.ballots.find((b) => open.has(b.topicId))
  return topic ? `${OPEN_BALLOT_REFUSAL}（${h.topics.find((t) => t._id === topic.topicId)!.title}）` : null
}

/**
 * openBallotBlock without reading everything of the person's: the open topics of their villages (a village has a few
 * at a time), then one of their ballots among them. Two calls, however many ballots they cast over the years.
 */
async function openBallotIn(store: Store, personId: string, villageIds: string[]): Promise<string | null> {
  if (!villageIds.length) return null
  const open = await store.find('topics', { villageId: { $in: villageIds }, status: 'open' }, { limit: 100 })
  if (!open.length) return null
  const [ballot] = await store.find('ballots', { personId, topicId: { $in: open.map((t) => t._id) } }, { limit: 1 })
  return ballot ? `${OPEN_BALLOT_REFUSAL}（${open.find((t) => t._id === ballot.topicId)!.title}）` : null
}

/** Audit entries that name the person: what they did, and what was done to their requests, memberships, ballots, comments. */
async function auditAbout(store: Store, personId: string, h: Holdings, villageIds: string[]) {
  const targets = [personId, ...h.memberships.map((m) => m._id), ...h.joinRequests.map((r) => r._id), ...h.ballots.map((b) => b._id), ...h.comments.map((c) => c._id), ...h.proposals.map((p) => p._id)]
  const found = new Map<string, Collections['auditLog']>()
  for (const villageId of villageIds) {
    for (const e of await find(store, 'auditLog', { villageId, actorId: personId })) found.set(e._id, e)
    for (let i = 0; i < targets.length; i += CHUNK) {
      for (const e of await find(store, 'auditLog', { villageId, targetId: { $in: targets.slice(i, i + CHUNK) } })) found.set(e._id, e)
    }
  }
  return [...found.values()].sort((a, b) => b.at - a.at)
}

const villagesOf = (h: Holdings) => [...new Set([...h.memberships, ...h.joinRequests, ...h.ballots, ...h.comments, ...h.ruleAgreements, ...h.proposals].map((x) => x.villageId))]

function section(key: MyDataSection['key'], title: string, note: string, items: MyDataSection['items']): MyDataSection {
  return { key, title, note, items }
}

async function myData(ctx: Context & { person: NonNullable<Context['person']> }): Promise<MyData> {
  const { store } = ctx.ports
  const me = ctx.person
  const h = await holdings(store, me._id)
  const villageIds = villagesOf(h)
  const [villages, households, versions, proposalsSigned, liked, entries] = await Promise.all([
    getMany(store, 'villages', villageIds),
    getMany(store, 'households', h.memberships.map((m) => m.householdId).filter((x): x is string => !!x)),
    getMany(store, 'ruleVersions', h.ruleAgreements.map((a) => a.versionId)),
    getMany(store, 'proposals', h.cosigns.map((c) => c.proposalId)),
    getMany(store, 'comments', h.likes.map((l) => l.commentId)),
    auditAbout(store, me._id, h, villageIds),
  ])
  const village = (id: string) => villages.find((v) => v._id === id)?.name ?? id
  const kindOf = (id: string) => villages.find((v) => v._id === id)?.kind ?? 'village'
  const topic = (id: string) => h.topics.find((t) => t._id === id)
  const when = (ms: number) => shanghaiTime(ms)
  const choiceWords = (topicId: string, choices: string[]) => choices.map((c) => topic(topicId)?.options.find((o) => o.id === c)?.label ?? c).join('、')

  const sections: MyDataSection[] = [
    section('person', '基本信息', '您申请入村时填写的姓名。微信身份只用于认出您本人，不显示、不导出。', [{ title: me.name, lines: [`个人编号：${me._id}`, `首次使用：${when(me.createdAt)}`], at: me.createdAt }]),
    section(
      'memberships',
      '所在村（社区）',
      // the sections' texts cover all of a person's villages, maybe a village and a community: 村（居） names both
      '村（居）委会核实后登记的身份，用于投票、承诺和办事。',
      h.memberships.map((m) => ({
        title: village(m.villageId),
        lines: [
          `登记姓名：${m.name}`,
          ...(m.householdId ? [`门牌：${households.find((x) => x._id === m.householdId)?.doorplate ?? '—'}`] : []),
          ...(m.relation ? [`与户主关系：${m.relation}`] : []),
          `身份：${m.roles.map((r) => roleWord(r, kindOf(m.villageId))).join('、')}${m.partyMember ? '、党员' : ''}`,
          `加入时间：${when(m.joinedAt)}`,
        ],
        at: m.joinedAt,
      })),
    ),
    section(
      'joinRequests',
      '入村申请',
      '您提交的申请和村（居）委会的处理结果。',
      h.joinRequests.map((r) => ({
        title: `${village(r.villageId)}：${JOIN_STATUS_LABELS[r.status]}`,
        lines: [`姓名：${r.name}`, `门牌号：${r.doorplate}`, `与户主关系：${r.relation}`, ...r.decisions.map((d) => `${when(d.at)} ${d.byName}${d.status === 'approved' ? '批准' : '驳回'}${d.reason ? `：${d.reason}` : ''}`)],
        at: r.createdAt,
      })),
    ),
    section(
      'ruleAgreements',
      '村规民约承诺',
      '您阅读并承诺遵守的版本。',
      h.ruleAgreements.map((a) => {
        const v = versions.find((x) => x._id === a.versionId)
        return { title: `${village(a.villageId)}：${v?.title ?? '村规民约'}第${a.number}版`, lines: [`承诺时间：${when(a.at)}`, ...(a.partyCommitment && a.partyCommitmentAt ? [`党员带头承诺：${when(a.partyCommitmentAt)}`] : [])], at: a.at }
      }),
    ),
    section(
      'ballots',
      '我的选票',
      '只有您自己看得到这里的选择；计票清单上只有回执码，没有姓名。',
      h.ballots.map((b) => ({
        title: topic(b.topicId)?.title ?? b.topicId,
        lines: [
          `我的选择：${choiceWords(b.topicId, b.choices)}`,
          ...(b.receipt ? [`回执码：${b.receipt}`] : []),
          ...(b.castBy !== me._id ? [`由${b.castByName}代为登记`] : []),
          ...(b.objection ? [`我的异议：${b.objection.reason}`] : []),
        ],
        at: b.castAt,
      })),
    ),
    section('proxies', '代投委托', '您委托别人、或别人委托您代投的记录。', [
      ...h.granted.map((p) => ({ title: topic(p.topicId)?.title ?? p.topicId, lines: [`委托${p.proxyName}代投${p.revoked ? '（已撤回）' : p.usedAt ? '（已代投）' : ''}`], at: p.at })),
      ...h.received.map((p) => ({ title: topic(p.topicId)?.title ?? p.topicId, lines: [`受${p.grantorName}委托代投${p.revoked ? '（已撤回）' : p.usedAt ? '（已代投）' : ''}`], at: p.at })),
    ]),
    section(
      'comments',
      '我的评论',
      '您在议题下发表的意见和点过的赞。',
      [
        ...h.comments.map((c) => ({ title: topic(c.topicId)?.title ?? c.topicId, lines: [c.text, ...(c.hidden ? [`已被隐藏：${c.hidden.reason}`] : [])], at: c.createdAt })),
        ...h.likes.map((l) => {
          const c = liked.find((x) => x._id === l.commentId)
          return { title: topic(l.topicId)?.title ?? l.topicId, lines: [`赞了${c ? `${c.authorName}的评论：${c.text.slice(0, 40)}` : '一条评论'}`], at: l.at }
        }),
      ],
    ),
    section(
      'proposals',
      '我的提议',
      '您发起的村民提议。',
      h.proposals.map((p) => ({ title: p.title, lines: [p.background, `联署：${p.cosigns}/${p.needed}`], at: p.createdAt })),
    ),
    section(
      'cosigns',
      '我的联署',
      '您联署支持的提议。',
      h.cosigns.map((c) => ({ title: proposalsSigned.find((p) => p._id === c.proposalId)?.title ?? c.proposalId, lines: [`联署时间：${when(c.at)}`], at: c.at })),
    ),
    section('boards', '红黑榜与善行义举', '榜单上关于您的条目、您的申诉和推荐、您所在的四会。', [
      ...h.boardEntries.map((e) => ({ title: `${BOARD_LABELS[e.board]}：${e.place}`, lines: [e.what, `${ENTRY_STATUS_LABELS[e.status]} · ${e.period}`], at: e.createdAt })),
      ...h.appeals.map((e) => ({ title: `我的申诉：${BOARD_LABELS[e.board]}：${e.place}`, lines: [e.appeal!.text, ...(e.appeal!.reply ? [`答复：${e.appeal!.reply}`] : [])], at: e.appeal!.at })),
      ...h.nominations.map((n) => ({ title: `我推荐${n.nomineeName}`, lines: [n.deed, NOMINATION_STATUS_LABELS[n.status]], at: n.at })),
      ...h.nominated.map((n) => ({ title: `${n.byName}推荐了我`, lines: [n.deed, NOMINATION_STATUS_LABELS[n.status]], at: n.at })),
      ...h.councils.map((c) => ({ title: `${village(c.villageId)}${COUNCIL_LABELS[c.council]}成员`, lines: [`${c.byName}任命`], at: c.since })),
    ]),
    section('bookings', '预约', '您的长者饭堂和服务站预约、您为家人的预约，以及家人代订的授权。', [
      ...h.booking.bookings.map((b) => ({ title: `预约：${b.name}`, lines: [`${b.date} ${b.start}–${b.end} · ${BOOKING_STATUS_LABELS[b.status]}`, `预约人：${b.bookedByName}`], at: b.createdAt })),
      ...h.booking.bookedForOthers.map((b) => ({ title: `为${b.name}预约`, lines: [`${b.date} ${b.start}–${b.end} · ${BOOKING_STATUS_LABELS[b.status]}`], at: b.createdAt })),
      ...h.booking.delegations.map((d) => ({ title: `授权${d.delegateName}代订`, lines: [`登记人：${d.recordedByName}${d.revoked ? '（已取消）' : ''}`], at: d.createdAt })),
      ...h.booking.delegated.map((d) => ({ title: `${d.name}授权您代订`, lines: [`登记人：${d.recordedByName}${d.revoked ? '（已取消）' : ''}`], at: d.createdAt })),
    ]),
    section('reports', '随手拍', '您上报的问题（含匿名上报）和您同问过的问题。', [
      ...h.reports.reported.map((r) => ({ title: `${r.category}：${r.place.address}`, lines: [r.text, `${REPORT_STATUS_LABELS[r.status]}${r.anonymous ? ' · 匿名上报' : ''}${r.rating ? ` · 评分${r.rating}星` : ''}`], at: r.createdAt })),
      ...h.reports.metoo.map((r) => ({ title: `同问：${r.category}：${r.place.address}`, lines: [r.text.slice(0, 60), REPORT_STATUS_LABELS[r.status]], at: h.reports.marks.find((m) => m.reportId === r._id)?.at ?? r.createdAt })),
    ]),
    section('mailbox', '书记信箱', '您写给村（居）委会的信（含匿名来信）、回复和您的评价。', [
      ...h.letters.map((l) => ({ title: l.subject, lines: [l.text, `${LETTER_STATUS_LABELS[l.status]}${l.anonymous ? ' · 匿名' : ''}${l.public ? ' · 已公开' : ''}${l.rating ? ` · 评分${l.rating}星` : ''}`], at: l.createdAt })),
    ]),
    section('visits', '走访记录', '您作为网格员记录的入户走访。', h.visits.map((v) => ({ title: `走访${v.doorplate}`, lines: [v.note, `走访日期：${v.date}`], at: v.createdAt }))),
    section(
      'volunteer',
      '志愿服务',
      '您报名的志愿活动、签到和经确认的志愿时长。',
      h.volunteering.map((s) => ({ title: s.title, lines: [`${shanghaiTime(s.startsAt)} · ${SIGNUP_STATUS_LABELS[s.status]}${s.status === 'attended' && s.minutes ? ` · ${hoursText(s.minutes)}` : ''}`], at: s.createdAt })),
    ),
    section('affairs', '村务公开', '您读过的公告（用于标记未读和统计已读人数）。', h.affairs.reads.map((r) => ({ title: `已读：${h.affairs.notices.find((n) => n._id === r.noticeId)?.title ?? '已撤下的公告'}`, lines: [], at: r.at }))),
    section(
      'notifications',
      '通知',
      '发给您的消息。',
      h.notifications.map((n) => ({ title: n.title, lines: [n.body], at: n.createdAt })),
    ),
    section(
      'audit',
      '与我有关的操作记录',
      '村（居）委会处理您的申请、选票、评论时留下的记录，以及您本人的操作；这些记录不能修改或删除。',
      entries.map((e) => ({ title: `${auditActionLabel(e.action)}：${e.target}`, lines: [`${village(e.villageId)} · ${e.actorName}`, ...(e.reason ? [`理由：${e.reason}`] : [])], at: e.at })),
    ),
  ]
  return { person: { id: me._id, name: me.name, createdAt: me.createdAt }, sections, deletion: h.deletion ? await deletionView(ctx, h.deletion, h) : null, at: ctx.now }
}

async function deletionView(ctx: Pick<Context, 'ports'>, r: DeletionRequest, h: Holdings): Promise<DeletionView> {
  return viewOf(r, await getMany(ctx.ports.store, 'villages', r.villageIds), openBallotBlock(h))
}

const viewOf = (r: DeletionRequest, villages: Array<{ name: string }>, blocked: string | null): DeletionView => ({
  status: r.status,
  reason: r.reason,
  createdAt: r.createdAt,
  villages: villages.map((v) => v.name),
  blocked: r.status === 'pending' ? blocked : null,
})

/** Removes or anonymises everything of the person's (see the top of this file). Idempotent: a second run finds nothing left. */
export async function erasePerson(store: Store, personId: string, villageIds: string[]): Promise<void> {
  const h = await holdings(store, personId)
  for (const m of h.memberships) {
    if (m.householdId) {
      // the register names its head: when that is the person (the head, or the household's only member), the name goes too
      const others = (await store.count('memberships', { villageId: m.villageId, householdId: m.householdId })) - 1
      if (m.relation === '户主' || others === 0) {
        await store.update('households', { _id: m.householdId, headName: m.name }, { set: { headName: DELETED_NAME } })
        // the boards name a household by its head: kept for the village's record, without the name
        await store.update('boardEntries', { 'responsible.householdId': m.householdId, 'responsible.name': m.name }, { set: { 'responsible.name': DELETED_NAME } })
      }
    }
    // the rules' progress stops counting them with the membership; their household has no 户代表 until the committee names one
    await store.transaction(async (tx) => {
      const [member, village, household] = await Promise.all([tx.get('memberships', m._id), tx.get('villages', m.villageId), m.householdId ? tx.get('households', m.householdId) : null])
      if (household?.repPersonId === personId) {
        await tx.update('households', household._id, { set: { repPersonId: null } })
        if (village) await countHousehold(tx, village, household, { unrepresented: 1 })
      }
      if (!member) return
      if (village) await countMember(tx, village, member, household, -1)
      await tx.remove('memberships', m._id)
    })
  }
  // a request still pending leaves its committee's 待办 with it
  for (const r of h.joinRequests.filter((x) => x.status === 'pending')) {
    await store.transaction(async (tx) => {
      const current = await tx.get('joinRequests', r._id)
      if (!current) return
      await tx.remove('joinRequests', r._id)
      await keepWaiting(tx, 'joinRequests', [current.villageId], current, null)
    })
  }
  for (const c of ['joinRequests', 'notifications', 'ruleAgreements', 'cosigns'] as const) await store.remove(c, { personId })
  for (const like of h.likes) {
    if (await store.remove('commentLikes', { _id: like._id })) await store.update('comments', { _id: like.commentId }, { inc: { likes: -1 } })
  }
  await store.update('ballots', { personId }, { set: { personId: '', objection: null } })
  await store.update('ballots', { castBy: personId }, { set: { castBy: '', castByName: DELETED_NAME } })
  await store.update('proxies', { grantorId: personId }, { set: { grantorId: '', grantorName: DELETED_NAME } })
  await store.update('proxies', { proxyId: personId }, { set: { proxyId: '', proxyName: DELETED_NAME } })
  await store.update('comments', { authorId: personId }, { set: { authorId: '', authorName: DELETED_NAME } })
  await store.update('proposals', { proposerId: personId }, { set: { proposerId: '', proposerName: DELETED_NAME } })
  await store.update('boardEntries', { 'responsible.personId': personId }, { set: { 'responsible.personId': '', 'responsible.name': DELETED_NAME } })
  await store.update('boardEntries', { 'appeal.by': personId }, { set: { 'appeal.by': '', 'appeal.byName': DELETED_NAME } })
  await store.update('nominations', { by: personId }, { set: { by: '', byName: DELETED_NAME } })
  await store.update('nominations', { nomineePersonId: personId }, { set: { nomineePersonId: '', nomineeName: DELETED_NAME } })
  await store.remove('councilMembers', { personId })
  // bookings: kept under 已注销用户 for the hall's counts; one still holding a seat or a place gives it back (the
  // job's bookingPromote hands a freed seat to the line)
  for (const b of h.booking.bookings.filter((x) => x.status === 'booked' || x.status === 'waitlisted')) {
    await store.transaction(async (tx) => {
      const [doc, slot] = await Promise.all([tx.get('bookings', b._id), tx.get('slots', b.slotId)])
      if (!doc || (doc.status !== 'booked' && doc.status !== 'waitlisted') || !slot || slot.closed) return
      await tx.update('bookings', b._id, { set: { status: 'cancelled' } })
      if (doc.status === 'booked') await tx.update('slots', slot._id, { inc: { booked: -1 }, ...(doc.holder ? { set: { [`holders.${doc.holder}`]: undefined } } : {}) })
      else await tx.update('slots', slot._id, { set: { waitlist: slot.waitlist.filter((id) => id !== b._id) } })
    })
  }
  await store.update('bookings', { personId }, { set: { personId: '', name: DELETED_NAME } })
  await store.update('bookings', { bookedBy: personId }, { set: { bookedBy: '', bookedByName: DELETED_NAME } })
  await store.remove('bookingDelegates', { personId })
  await store.remove('bookingDelegates', { delegateId: personId })
  await store.remove('bookingPeople', { personId })
  // 随手拍: the reports stay for the grid's record (and its figures) under 已注销用户; the history entries they wrote too
  for (const villageId of villageIds) {
    for (const r of await find(store, 'reports', { villageId })) {
      if (!r.history.some((e) => e.by === personId)) continue
      const history = r.history.map((e) => (e.by === personId ? { ...e, by: '', byName: DELETED_NAME } : e))
      await store.update('reports', { _id: r._id }, { set: { history } })
    }
  }
  await store.update('reports', { reporterId: personId }, { set: { reporterId: '', reporterName: DELETED_NAME } })
  await store.remove('reportMeToos', { personId })
  // 村务公开: the read marks go (each notice's count of readers stays)
  await store.remove('noticeReads', { personId })
  // 志愿服务: an upcoming place (or place in line) is given back; the sign-ups stay for the village's hours under 已注销用户
  for (const s of h.volunteering.filter((x) => x.status === 'signedUp' || x.status === 'waitlisted' || x.status === 'holding')) {
    await store.transaction(async (tx) => {
      const [doc, a] = await Promise.all([tx.get('volunteerSignups', s._id), tx.get('volunteerActivities', s.activityId)])
      if (!doc || !a || (doc.status !== 'signedUp' && doc.status !== 'waitlisted' && doc.status !== 'holding')) return
      await tx.update('volunteerSignups', s._id, { set: { status: 'cancelled' } })
      if (doc.status === 'signedUp') await tx.update('volunteerActivities', a._id, { inc: { signedUp: -1 } })
      else await tx.update('volunteerActivities', a._id, { set: { waitlist: a.waitlist.filter((id) => id !== s._id) } })
    })
  }
  await store.update('volunteerSignups', { personId }, { set: { personId: '', name: DELETED_NAME } })
  // their line of the ranking goes; the months' figures keep their hours
  await store.remove('volunteerHours', { personId })
  for (const villageId of villageIds) {
    for (const org of await find(store, 'volunteerOrgs', { villageId })) {
      if (org.organisers.includes(personId)) await store.update('volunteerOrgs', { _id: org._id }, { set: { organisers: org.organisers.filter((p) => p !== personId) } })
    }
  }
  // 书记信箱: the letters stay for the village's record (and any public reply) under 已注销用户, their history entries too
  for (const l of await find(store, 'letters', { writerId: personId })) {
    const history = l.history.map((e) => (e.by === personId ? { ...e, by: '', byName: DELETED_NAME } : e))
    await store.update('letters', { _id: l._id }, { set: { writerId: '', writerName: DELETED_NAME, history } })
  }
  // 走访记录: kept for the grid's record under 已注销用户
  await store.update('visits', { visitorId: personId }, { set: { visitorId: '', visitorName: DELETED_NAME } })
  await store.update('households', { 'lastVisit.visitorId': personId }, { set: { 'lastVisit.visitorId': '', 'lastVisit.visitorName': DELETED_NAME } })
  for (const villageId of villageIds) {
    for (const collection of ['topicRolls', 'topicRollPages'] as const) {
      for (const roll of await find(store, collection, { villageId })) {
        if (!roll.entries.some((e) => e.personId === personId)) continue
        const entries = roll.entries.map((e) => (e.personId === personId ? { ...e, personId: '', name: DELETED_NAME, doorplate: null } : e))
        await store.update(collection, { _id: roll._id }, { set: { entries } })
      }
    }
  }
  await store.remove('personKeys', { personId })
  // last: until here a crash leaves the person able to see the request, and the committee to confirm again
  await store.update('persons', { _id: personId }, { set: { name: DELETED_NAME, openid: '' } })
}

async function queueFor(ctx: MemberContext, villageId: string) {
  const pending = (await find(ctx.ports.store, 'deletionRequests', { status: 'pending' })).filter((r) => r.villageIds.includes(villageId))
  return Promise.all(
    pending.map(async (r) => {
      const h = await holdings(ctx.ports.store, r.personId)
      const m = h.memberships.find((x) => x.villageId === villageId)
      const household = m?.householdId ? await ctx.ports.store.get('households', m.householdId) : null
      return { personId: r.personId, name: r.name, doorplate: household?.doorplate ?? h.joinRequests.find((x) => x.villageId === villageId)?.doorplate ?? null, reason: r.reason, createdAt: r.createdAt, blocked: openBallotBlock(h) }
    }),
  )
}

export const privacyHandlers: Handlers<typeof privacyActions> = {
  'account.myData': {
    access: ACCESS.person,
    handle: (_input, ctx) => myData(ctx),
  },

  'account.requestDeletion': {
    access: ACCESS.person,
    /**
     * Records the request and tells the committees: what is held is read when a committee confirms it (or, with no
     * village to confirm, now), never to answer the request. Its villages are where the person is a member or asked to join.
     */
    async handle({ reason }, ctx) {
      const { store } = ctx.ports
      const me = ctx.person
      const [memberships, joinRequests] = await Promise.all([store.find('memberships', { personId: me._id }, { limit: 100 }), store.find('joinRequests', { personId: me._id }, { limit: 100 })])
      const villageIds = [...new Set([...memberships.map((m) => m.villageId), ...joinRequests.map((r) => r.villageId)])]
      // read once for the committees' notices, each in its village's words, and for the answer
      const [villages, blocked] = await Promise.all([getMany(store, 'villages', villageIds), openBallotIn(store, me._id, villageIds)])
      const request: DeletionRequest = { _id: me._id, personId: me._id, name: me.name, villageIds, reason: reason || null, status: 'pending', createdAt: ctx.now, doneAt: null, doneByName: null }
      try {
        await store.transaction(async (tx) => {
          await tx.insert('deletionRequests', request)
          await keepWaiting(tx, 'deletions', villageIds, null, request)
          for (const v of villages) {
            await notifyCommittee(ctx, v._id, '注销个人信息申请', `有${peopleWord(v.kind)}申请注销个人信息，请到「注销申请」核实后处理。`, pageUrl('account.deletions'), tx)
          }
        })
      } catch (e) {
        // asked before: the request still pending answers, as it was asked (its villages then)
        const asked = e instanceof DuplicateIdError ? await store.get('deletionRequests', me._id) : null
        if (asked?.status !== 'pending') throw e
        return viewOf(asked, await getMany(store, 'villages', asked.villageIds), blocked)
      }
      // nobody to confirm (no village knows them): nothing is held but the person record, removed at once
      if (!villageIds.length) {
        await erasePerson(store, me._id, [])
        await store.update('deletionRequests', { _id: me._id }, { set: { status: 'done', doneAt: ctx.now, name: DELETED_NAME } })
        return { ...viewOf(request, villages, null), status: 'done' }
      }
      return viewOf(request, villages, blocked)
    },
  },

  'account.deletionRequests': {
    access: ACCESS.committee,
    handle: ({ villageId }, ctx) => queueFor(ctx, villageId),
  },

  'account.confirmDeletion': {
    access: ACCESS.committee,
    async handle({ villageId, personId, reason }, ctx) {
      const { store } = ctx.ports
      const request = await store.get('deletionRequests', personId)
      if (!request || !request.villageIds.includes(villageId)) throw new ApiError('NOT_FOUND', '找不到该注销申请')
      if (request.status !== 'pending') throw new ApiError('CONFLICT', '该申请已处理')
      if (personId === ctx.person._id) throw new ApiError('FORBIDDEN', '不能处理自己的注销申请，请由其他委员处理')
      const h = await holdings(store, personId)
      const blocked = openBallotBlock(h)
      if (blocked) throw new ApiError('CONFLICT', blocked)
      await erasePerson(store, personId, request.villageIds)
      await store.transaction(async (tx) => {
        const current = await tx.get('deletionRequests', personId)
        await tx.update('deletionRequests', personId, { set: { status: 'done', doneAt: ctx.now, doneByName: ctx.membership.name, name: DELETED_NAME } })
        await keepWaiting(tx, 'deletions', request.villageIds, current, { status: 'done' })
        // the log keeps no name of the person: the entry says a deletion was confirmed, by whom and why
        await audit(ctx, 'account.confirmDeletion', { type: 'person', id: personId, label: DELETED_NAME }, reason, tx)
      })
      return { done: true as const }
    },
  },
}
