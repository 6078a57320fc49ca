/**
 * 我的个人信息 (个人信息保护法: the right to see what is held), a section at a time (issue 16): the first call answers
 * the list of sections and the deletion request, each section is then read on its own, a page of each of its kinds
 * at a time — a few calls each, however long the person has used the app, never every collection at once.
 */
import type { Context } from '../../handler'
import type { CollectionName, Collections, Filter, Store } from '../../ports/store'
import { getMany } from '../../common/load'
import { auditActionLabel } from '../../common/audit-labels'
import { shanghaiTime } from '../../common/time'
import { JOIN_STATUS_LABELS, roleWord } from './documents'
import type { MyDataSection, MyDataSectionKey } from './privacy-contract'
import { BOARD_LABELS, LETTER_STATUS_LABELS, BOOKING_STATUS_LABELS, COUNCIL_LABELS, ENTRY_STATUS_LABELS, NOMINATION_STATUS_LABELS, REPORT_STATUS_LABELS, SIGNUP_STATUS_LABELS, hoursText } from '../../contract/tables'

/** documents of each kind per page of a section (one call on CloudBase) */
export const MY_DATA_PAGE = 100

type Person = NonNullable<Context['person']>
type Items = MyDataSection['items']
/** a page of a section: its items, and whether any of its kinds has more */
type SectionPage = { items: Items; more: boolean }
type Reader = (store: Store, me: Person, page: number) => Promise<SectionPage>

/** the sections, in the page's order: each key's title and what it is for */
export const MY_DATA_SECTIONS: ReadonlyArray<{ key: MyDataSectionKey; title: string; note: string }> = [
  { key: 'person', title: '基本信息', note: '您申请入村时填写的姓名。微信身份只用于认出您本人，不显示、不导出。' },
  // the sections' texts cover all of a person's villages, maybe a village and a community: 村（居） names both
  { key: 'memberships', title: '所在村（社区）', note: '村（居）委会核实后登记的身份，用于投票、承诺和办事。' },
  { key: 'joinRequests', title: '入村申请', note: '您提交的申请和村（居）委会的处理结果。' },
  { key: 'ruleAgreements', title: '村规民约承诺', note: '您阅读并承诺遵守的版本。' },
  { key: 'ballots', title: '我的选票', note: '只有您自己看得到这里的选择；计票清单上只有回执码，没有姓名。' },
  { key: 'proxies', title: '代投委托', note: '您委托别人、或别人委托您代投的记录。' },
  { key: 'comments', title: '我的评论', note: '您在议题下发表的意见和点过的赞。' },
  { key: 'proposals', title: '我的提议', note: '您发起的村民提议。' },
  { key: 'cosigns', title: '我的联署', note: '您联署支持的提议。' },
  { key: 'boards', title: '红黑榜与善行义举', note: '榜单上关于您的条目、您的申诉和推荐、您所在的四会。' },
  { key: 'bookings', title: '预约', note: '您的长者饭堂和服务站预约、您为家人的预约，以及家人代订的授权。' },
  { key: 'reports', title: '随手拍', note: '您上报的问题（含匿名上报）和您同问过的问题。' },
  { key: 'mailbox', title: '书记信箱', note: '您写给村（居）委会的信（含匿名来信）、回复和您的评价。' },
  { key: 'visits', title: '走访记录', note: '您作为网格员记录的入户走访。' },
  { key: 'volunteer', title: '志愿服务', note: '您报名的志愿活动、签到和经确认的志愿时长。' },
  { key: 'affairs', title: '村务公开', note: '您读过的公告（用于标记未读和统计已读人数）。' },
  { key: 'notifications', title: '通知', note: '发给您的消息。' },
  { key: 'audit', title: '与我有关的操作记录', note: '村（居）委会处理您的申请、选票、评论时留下的记录，以及您本人的操作；这些记录不能修改或删除。' },
]

const when = (ms: number) => shanghaiTime(ms)

/** the page'th page of one kind of the person's documents, in a fixed order */
function pageOf<C extends CollectionName>(store: Store, collection: C, filter: Filter, page: number): Promise<Array<Collections[C]>> {
  return store.find(collection, filter, { sort: [['_id', 'asc']], skip: page * MY_DATA_PAGE, limit: MY_DATA_PAGE })
}
const full = (...lists: unknown[][]) => lists.some((l) => l.length === MY_DATA_PAGE)

async function villageNames(store: Store, ids: string[]) {
  const villages = await getMany(store, 'villages', [...new Set(ids)])
  return { name: (id: string) => villages.find((v) => v._id === id)?.name ?? id, kind: (id: string) => villages.find((v) => v._id === id)?.kind ?? 'village' }
}
async function topicTitles(store: Store, ids: string[]) {
  const topics = await getMany(store, 'topics', [...new Set(ids)])
  return (id: string) => topics.find((t) => t._id === id)
}

const READERS: Record<MyDataSectionKey, Reader> = {
  person: async (_store, me) => ({ items: [{ title: me.name, lines: [`个人编号：${me._id}`, `首次使用：${when(me.createdAt)}`], at: me.createdAt }], more: false }),

  async memberships(store, me, page) {
    const memberships = await pageOf(store, 'memberships', { personId: me._id }, page)
    const [village, households] = await Promise.all([villageNames(store, memberships.map((m) => m.villageId)), getMany(store, 'households', memberships.map((m) => m.householdId).filter((x): x is string => !!x))])
    const items = memberships.map((m) => ({
      title: village.name(m.villageId),
      lines: [
        `登记姓名：${m.name}`,
        ...(m.householdId ? [`门牌：${households.find((x) => x._id === m.householdId)?.doorplate ?? '—'}`] : []),
        ...(m.relation ? [`与户主关系：${m.relation}`] : []),
        `身份：${m.roles.map((r) => roleWord(r, village.kind(m.villageId))).join('、')}${m.partyMember ? '、党员' : ''}`,
        `加入时间：${when(m.joinedAt)}`,
      ],
      at: m.joinedAt,
    }))
    return { items, more: full(memberships) }
  },

  async joinRequests(store, me, page) {
    const requests = await pageOf(store, 'joinRequests', { personId: me._id }, page)
    const village = await villageNames(store, requests.map((r) => r.villageId))
    const items = requests.map((r) => ({
      title: `${village.name(r.villageId)}：${JOIN_STATUS_LABELS[r.status]}`,
      lines: [`姓名：${r.name}`, `门牌号：${r.doorplate}`, `与户主关系：${r.relation}`, ...r.decisions.map((d) => `${when(d.at)} ${d.byName}${d.status === 'approved' ? '批准' : '驳回'}${d.reason ? `：${d.reason}` : ''}`)],
      at: r.createdAt,
    }))
    return { items, more: full(requests) }
  },

  async ruleAgreements(store, me, page) {
    const agreements = await pageOf(store, 'ruleAgreements', { personId: me._id }, page)
    const [village, versions] = await Promise.all([villageNames(store, agreements.map((a) => a.villageId)), getMany(store, 'ruleVersions', agreements.map((a) => a.versionId))])
    const items = agreements.map((a) => {
      const v = versions.find((x) => x._id === a.versionId)
      return { title: `${village.name(a.villageId)}：${v?.title ?? '村规民约'}第${a.number}版`, lines: [`承诺时间：${when(a.at)}`, ...(a.partyCommitment && a.partyCommitmentAt ? [`党员带头承诺：${when(a.partyCommitmentAt)}`] : [])], at: a.at }
    })
    return { items, more: full(agreements) }
  },

  async ballots(store, me, page) {
    const ballots = await pageOf(store, 'ballots', { personId: me._id }, page)
    const topic = await topicTitles(store, ballots.map((b) => b.topicId))
    const choiceWords = (topicId: string, choices: string[]) => choices.map((c) => topic(topicId)?.options.find((o) => o.id === c)?.label ?? c).join('、')
    const items = ballots.map((b) => ({
      title: topic(b.topicId)?.title ?? b.topicId,
      lines: [
        `我的选择：${choiceWords(b.topicId, b.choices)}`,
        ...(b.receipt ? [`回执码：${b.receipt}`] : []),
        ...(b.castBy !== me._id ? [`由${b.castByName}代为登记`] : []),
        ...(b.objection ? [`我的异议：${b.objection.reason}`] : []),
      ],
      at: b.castAt,
    }))
    return { items, more: full(ballots) }
  },

  async proxies(store, me, page) {
    const [granted, received] = await Promise.all([pageOf(store, 'proxies', { grantorId: me._id }, page), pageOf(store, 'proxies', { proxyId: me._id }, page)])
    const topic = await topicTitles(store, [...granted, ...received].map((p) => p.topicId))
    const state = (p: (typeof granted)[number]) => (p.revoked ? '（已撤回）' : p.usedAt ? '（已代投）' : '')
    const items = [
      ...granted.map((p) => ({ title: topic(p.topicId)?.title ?? p.topicId, lines: [`委托${p.proxyName}代投${state(p)}`], at: p.at })),
      ...received.map((p) => ({ title: topic(p.topicId)?.title ?? p.topicId, lines: [`受${p.grantorName}委托代投${state(p)}`], at: p.at })),
    ]
    return { items, more: full(granted, received) }
  },

  async comments(store, me, page) {
    const [comments, likes] = await Promise.all([pageOf(store, 'comments', { authorId: me._id }, page), pageOf(store, 'commentLikes', { personId: me._id }, page)])
    const [topic, liked] = await Promise.all([topicTitles(store, [...comments, ...likes].map((x) => x.topicId)), getMany(store, 'comments', likes.map((l) => l.commentId))])
    const items = [
      ...comments.map((c) => ({ title: topic(c.topicId)?.title ?? c.topicId, lines: [c.text, ...(c.hidden ? [`已被隐藏：${c.hidden.reason}`] : [])], at: c.createdAt })),
      ...likes.map((l) => {
        const c = liked.find((x) => x._id === l.commentId)
        return { title: topic(l.topicId)?.title ?? l.topicId, lines: [`赞了${c ? `${c.authorName}的评论：${c.text.slice(0, 40)}` : '一条评论'}`], at: l.at }
      }),
    ]
    return { items, more: full(comments, likes) }
  },

  async proposals(store, me, page) {
    const proposals = await pageOf(store, 'proposals', { proposerId: me._id }, page)
    return { items: proposals.map((p) => ({ title: p.title, lines: [p.background, `联署：${p.cosigns}/${p.needed}`], at: p.createdAt })), more: full(proposals) }
  },

  async cosigns(store, me, page) {
    const cosigns = await pageOf(store, 'cosigns', { personId: me._id }, page)
    const signed = await getMany(store, 'proposals', cosigns.map((c) => c.proposalId))
    return { items: cosigns.map((c) => ({ title: signed.find((p) => p._id === c.proposalId)?.title ?? c.proposalId, lines: [`联署时间：${when(c.at)}`], at: c.at })), more: full(cosigns) }
  },

  async boards(store, me, page) {
    const [entries, appeals, nominated, nominations, councils] = await Promise.all([
      pageOf(store, 'boardEntries', { 'responsible.personId': me._id }, page),
      pageOf(store, 'boardEntries', { 'appeal.by': me._id }, page),
      pageOf(store, 'nominations', { nomineePersonId: me._id }, page),
      pageOf(store, 'nominations', { by: me._id }, page),
      pageOf(store, 'councilMembers', { personId: me._id }, page),
    ])
    const village = await villageNames(store, councils.map((c) => c.villageId))
    const items = [
      ...entries.map((e) => ({ title: `${BOARD_LABELS[e.board]}：${e.place}`, lines: [e.what, `${ENTRY_STATUS_LABELS[e.status]} · ${e.period}`], at: e.createdAt })),
      ...appeals.map((e) => ({ title: `我的申诉：${BOARD_LABELS[e.board]}：${e.place}`, lines: [e.appeal!.text, ...(e.appeal!.reply ? [`答复：${e.appeal!.reply}`] : [])], at: e.appeal!.at })),
      ...nominations.map((n) => ({ title: `我推荐${n.nomineeName}`, lines: [n.deed, NOMINATION_STATUS_LABELS[n.status]], at: n.at })),
      ...nominated.map((n) => ({ title: `${n.byName}推荐了我`, lines: [n.deed, NOMINATION_STATUS_LABELS[n.status]], at: n.at })),
      ...councils.map((c) => ({ title: `${village.name(c.villageId)}${COUNCIL_LABELS[c.council]}成员`, lines: [`${c.byName}任命`], at: c.since })),
    ]
    return { items, more: full(entries, appeals, nominated, nominations, councils) }
  },

  async bookings(store, me, page) {
    const [bookings, bookedBy, delegations, delegated] = await Promise.all([
      pageOf(store, 'bookings', { personId: me._id }, page),
      pageOf(store, 'bookings', { bookedBy: me._id }, page),
      pageOf(store, 'bookingDelegates', { personId: me._id }, page),
      pageOf(store, 'bookingDelegates', { delegateId: me._id }, page),
    ])
    const items = [
      ...bookings.map((b) => ({ title: `预约：${b.name}`, lines: [`${b.date} ${b.start}–${b.end} · ${BOOKING_STATUS_LABELS[b.status]}`, `预约人：${b.bookedByName}`], at: b.createdAt })),
      ...bookedBy.filter((b) => b.personId !== me._id).map((b) => ({ title: `为${b.name}预约`, lines: [`${b.date} ${b.start}–${b.end} · ${BOOKING_STATUS_LABELS[b.status]}`], at: b.createdAt })),
      ...delegations.map((d) => ({ title: `授权${d.delegateName}代订`, lines: [`登记人：${d.recordedByName}${d.revoked ? '（已取消）' : ''}`], at: d.createdAt })),
      ...delegated.map((d) => ({ title: `${d.name}授权您代订`, lines: [`登记人：${d.recordedByName}${d.revoked ? '（已取消）' : ''}`], at: d.createdAt })),
    ]
    return { items, more: full(bookings, bookedBy, delegations, delegated) }
  },

  async reports(store, me, page) {
    const [reported, marks] = await Promise.all([pageOf(store, 'reports', { reporterId: me._id }, page), pageOf(store, 'reportMeToos', { personId: me._id }, page)])
    const metoo = await getMany(store, 'reports', marks.map((m) => m.reportId))
    const items = [
      ...reported.map((r) => ({ title: `${r.category}：${r.place.address}`, lines: [r.text, `${REPORT_STATUS_LABELS[r.status]}${r.anonymous ? ' · 匿名上报' : ''}${r.rating ? ` · 评分${r.rating}星` : ''}`], at: r.createdAt })),
      ...metoo.map((r) => ({ title: `同问：${r.category}：${r.place.address}`, lines: [r.text.slice(0, 60), REPORT_STATUS_LABELS[r.status]], at: marks.find((m) => m.reportId === r._id)?.at ?? r.createdAt })),
    ]
    return { items, more: full(reported, marks) }
  },

  async mailbox(store, me, page) {
    const letters = await pageOf(store, 'letters', { writerId: me._id }, page)
    const items = letters.map((l) => ({ title: l.subject, lines: [l.text, `${LETTER_STATUS_LABELS[l.status]}${l.anonymous ? ' · 匿名' : ''}${l.public ? ' · 已公开' : ''}${l.rating ? ` · 评分${l.rating}星` : ''}`], at: l.createdAt }))
    return { items, more: full(letters) }
  },

  async visits(store, me, page) {
    const visits = await pageOf(store, 'visits', { visitorId: me._id }, page)
    return { items: visits.map((v) => ({ title: `走访${v.doorplate}`, lines: [v.note, `走访日期：${v.date}`], at: v.createdAt })), more: full(visits) }
  },

  async volunteer(store, me, page) {
    const signups = await pageOf(store, 'volunteerSignups', { personId: me._id }, page)
    const items = signups.map((s) => ({ title: s.title, lines: [`${shanghaiTime(s.startsAt)} · ${SIGNUP_STATUS_LABELS[s.status]}${s.status === 'attended' && s.minutes ? ` · ${hoursText(s.minutes)}` : ''}`], at: s.createdAt }))
    return { items, more: full(signups) }
  },

  async affairs(store, me, page) {
    const reads = await pageOf(store, 'noticeReads', { personId: me._id }, page)
    const notices = await getMany(store, 'notices', reads.map((r) => r.noticeId))
    return { items: reads.map((r) => ({ title: `已读：${notices.find((n) => n._id === r.noticeId)?.title ?? '已撤下的公告'}`, lines: [], at: r.at })), more: full(reads) }
  },

  async notifications(store, me, page) {
    const notes = await pageOf(store, 'notifications', { personId: me._id }, page)
    return { items: notes.map((n) => ({ title: n.title, lines: [n.body], at: n.createdAt })), more: full(notes) }
  },

  /**
   * Audit entries that name the person: what they did, and what was done to them, their requests, memberships,
   * ballots, comments and proposals — the newest of those (a page of each kind's ids), then their entries a page at a time.
   */
  async audit(store, me, page) {
    const own = (c: 'memberships' | 'joinRequests' | 'ballots' | 'comments' | 'proposals', filter: Filter) => store.find(c, filter, { sort: [['_id', 'asc']], limit: MY_DATA_PAGE })
    const targets = await Promise.all([
      own('memberships', { personId: me._id }),
      own('joinRequests', { personId: me._id }),
      own('ballots', { personId: me._id }),
      own('comments', { authorId: me._id }),
      own('proposals', { proposerId: me._id }),
    ])
    const ids = [me._id, ...targets.flat().map((d) => d._id)]
    const order = { sort: [['at', 'desc'], ['_id', 'asc']] as Array<[string, 'asc' | 'desc']>, skip: page * MY_DATA_PAGE, limit: MY_DATA_PAGE }
    const [acted, about] = await Promise.all([store.find('auditLog', { actorId: me._id }, order), store.find('auditLog', { targetId: { $in: ids } }, order)])
    const entries = [...new Map([...acted, ...about].map((e) => [e._id, e])).values()].sort((a, b) => b.at - a.at)
    const village = await villageNames(store, entries.map((e) => e.villageId))
    const items = entries.map((e) => ({ title: `${auditActionLabel(e.action)}：${e.target}`, lines: [`${village.name(e.villageId)} · ${e.actorName}`, ...(e.reason ? [`理由：${e.reason}`] : [])], at: e.at }))
    return { items, more: full(acted, about) }
  },
}

/** One section's page of what is held about the person. */
export async function myDataSection(store: Store, me: Person, key: MyDataSectionKey, page: number): Promise<MyDataSection & { next: number | null }> {
  const head = MY_DATA_SECTIONS.find((s) => s.key === key)!
  const { items, more } = await READERS[key](store, me, page)
  return { ...head, items, next: more ? page + 1 : null }
}
