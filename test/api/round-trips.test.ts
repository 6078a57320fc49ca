/**
 * Issue 16: no action, read or write, makes more than 10 database calls, whatever the village's size. On the CloudBase emulator
 * (project api-cloudbase) a call is one round trip of the real wx-server-sdk (a find of 100 documents is one, of 1,000
 * is ten; a transaction's begin, each step and its commit count one each); on SQLite (project api) it is one call of
 * the Store port, counted the same way. The village is 新山村 of the demo grown well past it: thousands of members
 * and households, hundreds of topics, comments, notices and notifications, and more reports than a walk reads in ten
 * calls on either store (10,500: ten pages of 1,000 on SQLite), written directly (not through actions) so that seeding
 * takes a moment.
 */
import type { ActionName, InputOf } from '../../cloud/src/contract'
import type { CollectionName, Collections } from '../../cloud/src/ports/store'
import { cursorAfter } from '../../cloud/src/common/keyset'
import { groupCursor } from '../../cloud/src/common/csv'
import { API_STORE, makeApi, membershipDoc, T0 } from './harness'
import { addFixtures, OPENID, sampleFor, X, type Api } from './samples'
import type { Persona } from '../../cloud/src/matrix'
import { rebuildResidentCounts } from '../../cloud/src/features/account/residents'
import { rebuildReportTotals } from '../../cloud/src/features/reports/totals'
import { rebuildWaitingCounts } from '../../cloud/src/features/account/waiting'
import { rebuildVolunteerHours } from '../../cloud/src/features/volunteer/hours'
import { rollStep } from '../../cloud/src/features/deliberation/roll-job'
import { writeSlots } from '../../cloud/src/features/booking/jobs'
import { bookingClosedWhy, slotsOn, windowDays } from '../../cloud/src/features/booking/slots'
import { MY_DATA_SECTION_KEYS } from '../../cloud/src/features/account/privacy-contract'

export const BIG = { households: 1500, members: 4000, topics: 300, comments: 400, notices: 1200, served: 1200, reports: 10_500, notifications: 300, ballots: 1500, agreements: 2000 }
const BOUND = 10

/** copies of a demo document, each with its own _id and what `vary` changes */
async function clones<C extends CollectionName>(api: Api, collection: C, id: string, n: number, vary: (i: number, doc: Collections[C]) => Partial<Collections[C]>): Promise<Array<Collections[C]>> {
  const doc = await api.ports.store.get(collection, id)
  if (!doc) throw new Error(`the demo has no ${collection}/${id}`)
  return Array.from({ length: n }, (_, i) => ({ ...structuredClone(doc), ...vary(i, doc) }))
}

/** 新山村 grown to BIG's sizes, everything else as the demo has it */
export async function growVillage(api: Api): Promise<void> {
  const grids = [`${X}:g1`, `${X}:g2`, `${X}:g3`]
  const household = (await api.ports.store.find('households', { villageId: X }, { limit: 1 }))[0]
  api.seedDocuments(
    'households',
    Array.from({ length: BIG.households }, (_, i) => ({ ...household, _id: `${X}:hbig${i}`, gridId: grids[i % 3], doorplate: `新山村新区${i + 1}号`, headName: `村民${i}`, repPersonId: `p_big${i}` })),
  )
  api.seedDocuments(
    'persons',
    Array.from({ length: BIG.members }, (_, i) => ({ _id: `p_big${i}`, openid: `big-${i}`, name: `村民${i}`, createdAt: T0 - 1000 * 3600_000 })),
  )
  api.seedDocuments(
    'memberships',
    Array.from({ length: BIG.members }, (_, i) => membershipDoc(X, `p_big${i}`, `村民${i}`, { householdId: `${X}:hbig${i % BIG.households}`, relation: i < BIG.households ? '户主' : '子女' })),
  )
  const statuses = ['open', 'closed', 'decided'] as const
  const demoTopic = { open: `${X}:t1`, closed: `${X}:t3`, decided: `${X}:t4` }
  for (const status of statuses) {
    api.seedDocuments(
      'topics',
      await clones(api, 'topics', demoTopic[status], BIG.topics / 3, (i, t) => ({ _id: `${X}:tbig-${status}-${i}`, title: `${t.title}（第${i + 1}期）`, createdAt: t.createdAt - (i + 1) * 60_000 })),
    )
  }
  api.seedDocuments(
    'comments',
    await clones(api, 'comments', 'c-road-1', BIG.comments, (i) => ({ _id: `c-big-${i}`, parentId: null, authorId: `p_big${i}`, authorName: `村民${i}`, likes: 0, createdAt: T0 - 100_000 + i })),
  )
  api.seedDocuments(
    'notices',
    await clones(api, 'notices', `${X}:n-water`, BIG.notices, (i, n) => ({ _id: `${X}:n-big-${i}`, title: `${n.title}（${i + 1}）` })),
  )
  // the resident has opened every one of them: her marks alone would be twelve pages of CloudBase's
  api.seedDocuments(
    'noticeReads',
    Array.from({ length: BIG.notices }, (_, i) => ({ _id: `${X}:n-big-${i}:p_liguilan`, villageId: X, noticeId: `${X}:n-big-${i}`, personId: 'p_liguilan', at: T0 })),
  )
  // reports: more than a walk reads in 10 calls (10 pages of 1,000 on SQLite), all within the map's month and the
  // clusters' four weeks, at the lamp's place: one in twenty open, the rest closed lately, accepted and resolved, some rated
  api.seedDocuments(
    'reports',
    await clones(api, 'reports', `${X}:r-lamp`, BIG.reports, (i, r) => {
      const createdAt = r.createdAt - i * 60_000
      const closed = i % 20 ? { status: i % 2 ? 'resolved' : 'confirmed', acceptTook: 3_600_000, resolveTook: 86_400_000, rating: i % 2 ? null : 4 } : {}
      return { _id: `${X}:r-big-${i}`, reporterId: `p_big${i % BIG.members}`, gridId: grids[i % 3], createdAt, updatedAt: createdAt + 3_600_000, ...closed } as Partial<Collections['reports']>
    }),
  )
  const note = (await api.ports.store.find('notifications', {}, { limit: 1 }))[0]
  api.seedDocuments(
    'notifications',
    Array.from({ length: BIG.notifications }, (_, i) => ({ ...note, _id: `nt-big-${i}`, personId: 'p_liguilan', at: T0 - 1000 * i, read: i > 10 }) as Collections['notifications']),
  )
  const ballot = (await api.ports.store.find('ballots', { topicId: `${X}:t1` }, { limit: 1 }))[0]
  api.seedDocuments(
    'ballots',
    Array.from({ length: BIG.ballots }, (_, i) => ({ ...ballot, _id: `${X}:t1:p_big${i}`, voterKey: `p_big${i}`, personId: `p_big${i}`, castBy: `p_big${i}`, householdId: `${X}:hbig${i % BIG.households}`, gridId: grids[i % 3], receipt: `BIG${i}` })),
  )
  const agreement = (await api.ports.store.find('ruleAgreements', { villageId: X }, { limit: 1 }))[0]
  api.seedDocuments(
    'ruleAgreements',
    Array.from({ length: BIG.agreements }, (_, i) => ({ ...agreement, _id: `${agreement.versionId}:p_big${i}`, personId: `p_big${i}`, householdId: `${X}:hbig${i % BIG.households}` }) as Collections['ruleAgreements']),
  )
  // confirmed hours of 1,200 volunteers over 12 months, and their counters as the migration counts them
  const attended = (await api.ports.store.find('volunteerSignups', { villageId: X, status: 'attended' }, { limit: 1 }))[0]
  api.seedDocuments(
    'volunteerSignups',
    Array.from({ length: BIG.served }, (_, i) => ({ ...attended, _id: `va-big-${i % 12}:p_big${i}`, activityId: `va-big-${i % 12}`, personId: `p_big${i}`, name: `村民${i}`, startsAt: attended.startsAt - (i % 12) * 31 * 24 * 3600_000, minutes: 60 + (i % 7) * 30 })),
  )
  await rebuildVolunteerHours(api.ports.store, X)
  // the rules' progress counters, as the server's start counts a data folder written before them
  await rebuildResidentCounts(api.ports.store, X)
  // the committee's queue of deletion requests: thirty people asking, each with a ballot on the open topic
  api.seedDocuments(
    'deletionRequests',
    Array.from({ length: 30 }, (_, i) => ({ _id: `p_big${1000 + i}`, personId: `p_big${1000 + i}`, name: `村民${1000 + i}`, villageIds: [X], reason: '不再使用', status: 'pending' as const, createdAt: T0 - i * 60_000, doneAt: null, doneByName: null })),
  )
  // and the committee's counter of waiting work (the topics above are written past it)
  await rebuildWaitingCounts(api.ports.store, X)
  // and the settled reports' counters (the reports above are written past them)
  await rebuildReportTotals(api.ports.store, X)
}

type Case = [persona: Persona, action: ActionName, input?: unknown]
const READS: Case[] = [
  ['resident', 'account.me'],
  ['resident', 'home.open'],
  ['resident', 'account.todo'],
  ['resident', 'village.overview'],
  ['resident', 'notifications.list'],
  ['resident', 'topics.list'],
  ['resident', 'topics.get'],
  ['resident', 'comments.list'],
  ['resident', 'rules.current'],
  ['resident', 'rules.status'],
  ['resident', 'affairs.notices'],
  // a page far down the current ones (the clones share one first day: the cursor's ties), and the committee's
  ['resident', 'affairs.notices', { villageId: X, category: null, after: `current|${cursorAfter('2026-11-24', `${X}:n-big-600`)}` }],
  ['committee', 'affairs.notices'],
  ['resident', 'account.record'],
  ['resident', 'account.record', { villageId: X, kind: 'comments', page: 0 }],
  ['resident', 'proposals.list'],
  ['resident', 'reports.mine'],
  ['resident', 'mailbox.mine'],
  ['resident', 'volunteer.activities'],
  ['resident', 'volunteer.totals'],
  ['resident', 'booking.mine'],
  ['resident', 'boards.list'],
  ['committee', 'account.me'],
  ['committee', 'home.open'],
  ['committee', 'account.todo'],
  ['committee', 'topics.list'],
  ['committee', 'topics.get'],
  ['committee', 'ballots.voters'],
  ['committee', 'ballots.voters', { villageId: X, topicId: `${X}:t1`, q: '村民7' }],
  ['resident', 'proxies.candidates'],
  ['committee', 'topics.turnoutByGrid'],
  ['committee', 'topics.roll'],
  ['committee', 'audit.list'],
  ['committee', 'register.households'],
  // a page far down, a grid's search matching hundreds of people
  ['committee', 'register.households', { villageId: X, after: cursorAfter('新山村新区1000号', `${X}:hbig999`) }],
  ['committee', 'register.households', { villageId: X, gridId: `${X}:g2`, q: '村民1' }],
  ['committee', 'village.members'],
  ['committee', 'village.members', { villageId: X, after: cursorAfter('村民2000', `${X}:p_big2000`) }],
  ['committee', 'join.queue'],
  ['committee', 'account.deletionRequests'],
  // 我的个人信息: the list of sections, then each section (the resident has read 1,200 notices: the second page of them too)
  ['resident', 'account.myData'],
  ...MY_DATA_SECTION_KEYS.map((section): Case => ['resident', 'account.myData', { section, page: 0 }]),
  ['resident', 'account.myData', { section: 'affairs', page: 1 }],
  ['committee', 'reports.queue'],
  ['committee', 'reports.figures'],
  ['gridWorker', 'reports.figures'],
  ['townOfficer', 'reports.figures'],
  ['townOfficer', 'reports.town'],
  ['resident', 'reports.map'],
  ['committee', 'reports.map'],
  ['committee', 'reports.clusters'],
  ['committee', 'rules.followUp', { villageId: X }],
  // an export's pages (the first call answers the header and writes the audit entry): far down a grid, a version, a village
  ['committee', 'rules.exportCsv', { villageId: X, kind: 'followUp', after: groupCursor(`${X}:g2`, cursorAfter('新山村新区1001号', `${X}:hbig1000`)) }],
  ['committee', 'rules.exportCsv', { villageId: X, kind: 'agreements', after: groupCursor(1) }],
  ['committee', 'reports.exportCsv', { villageId: X, scope: 'village', after: groupCursor(X) }],
  ['townOfficer', 'reports.exportCsv', { villageId: X, scope: 'town', after: groupCursor(X) }],
  ['committee', 'mailbox.inbox'],
  ['hallStaff', 'workspace.hall'],
  ['hallStaff', 'account.todo'],
  ['hallStaff', 'booking.people'],
  ['hallStaff', 'booking.people', { villageId: X, after: cursorAfter('村民2000', `${X}:p_big2000`) }],
  ['hallStaff', 'booking.people', { villageId: X, q: '村民1' }],
  ['hallStaff', 'booking.people', { villageId: X, q: '新区1' }],
  ['hallStaff', 'booking.setup'],
  ['hallStaff', 'booking.households', { villageId: X, hallId: `${X}:hall`, q: '新区1' }],
  ['gridWorker', 'account.me'],
  ['gridWorker', 'account.todo'],
  ['gridWorker', 'workspace.grid'],
  ['gridWorker', 'workspace.households'],
  ['gridWorker', 'workspace.households', { villageId: X, gridId: `${X}:g1`, after: `${X}:hbig300` }],
  ['gridWorker', 'workspace.visits'],
  ['gridWorker', 'register.households'],
  ['gridWorker', 'village.members'],
  ['gridWorker', 'village.members', { villageId: X, after: cursorAfter('新山村新区1000号', `${X}:hbig999`) }],
  ['gridWorker', 'rules.followUp'],
  ['gridWorker', 'reports.queue'],
  ['townOfficer', 'workspace.town'],
  ['townOfficer', 'account.todo'],
  // in two villages: their cards still take one read of the regions
  ['townOfficer', 'account.me'],
  ['townOfficer', 'home.open'],
]

/**
 * Over the bound today, each with what replaces its walk: the tallies and turnout of topics become counters kept with
 * the ballot (landed: the resident's topic page and turnout by grid are in the bound now); the others are still to be paged or counted. A case here is a todo, not a
 * pass: when it is fixed, move it back into the asserted ones.
 */
const KNOWN: Record<string, string> = {}

/**
 * A write case: `prepare` makes its own fresh target first, uncounted (a new draft to publish, a voter who has not
 * voted), and gives the input; without it the action's sample input is used. The writes run after the reads (they
 * change what the reads would find), in this order, each once.
 */
interface Write {
  persona: Persona
  action: ActionName
  /** tells apart two cases of one action */
  what?: string
  prepare?: (api: Api) => Promise<unknown>
}
const WRITES: Write[] = [
  // --- deliberation (topics, ballots, comments, proxies) ---
  { persona: 'resident', action: 'ballots.cast' },
  { persona: 'resident', action: 'ballots.cast', what: 'a changed vote', prepare: async () => ({ villageId: X, topicId: `${X}:t1`, choices: ['no'] }) },
  { persona: 'resident', action: 'comments.create' },
  { persona: 'resident', action: 'comments.like' },
  { persona: 'resident', action: 'proxies.revoke' },
  { persona: 'committee', action: 'topics.save' },
  { persona: 'committee', action: 'topics.count' },
  // a topic opened in the grown village (its roll is the job's), and a ballot on it while the job writes the roll (after
  // its first batch, which writes the counters' shards: a ballot before it writes its shard first, one call more)
  { persona: 'committee', action: 'topics.publish', prepare: async (api) => ({ villageId: X, topicId: (opened = await newDraft(api, 'person')) }) },
  {
    persona: 'resident',
    action: 'ballots.cast',
    what: 'while its roll is written',
    prepare: async (api) => {
      const now = api.ports.clock.now()
      const t = await rollStep(api.ports, (await api.ports.store.get('topics', opened))!, now)
      if (!t?.rollJob) throw new Error('the roll should still be being written')
      return { villageId: X, topicId: opened, choices: ['yes'] }
    },
  },
  { persona: 'committee', action: 'topics.publish', what: 'by household', prepare: async (api) => ({ villageId: X, topicId: await newDraft(api, 'household') }) },
  // --- 入村 (the committee is told of new requests by the job: account/jobs.ts) ---
  // a first call: the person comes with the request
  { persona: 'anonymous', action: 'join.request', what: "a newcomer's first", prepare: async () => ({ villageId: X, name: '赵新来', doorplate: '新山村新来巷1号', relation: '户主' }) },
  {
    persona: 'applicant',
    action: 'join.request',
    what: 'again after a rejection',
    prepare: async (api) => {
      await api.as(OPENID.committee).call('join.decide', { villageId: X, requestId: `${X}:p_liuxiaodong`, decision: 'reject', reason: '门牌号不对' })
      return { villageId: X, name: '刘晓东', doorplate: '新山村东一巷12号', relation: '子女' }
    },
  },
  // --- the other features (account, rules, boards, booking, reports, mailbox, affairs, volunteer): the sample inputs, in this order ---
  { persona: 'resident', action: 'notifications.read' },
  { persona: 'resident', action: 'rules.agree' },
  // 陈建国 has not agreed, nor has his household: the village (the version is its current one) and the household read;
  // the agreement inserted unread (his membership says he agreed to none), the membership, the household and its
  // grid's counter of the version (added to unread) written: 10 calls (was 13)
  {
    persona: 'householdRep',
    action: 'rules.agree',
    what: 'a first agreement',
    prepare: async (api) => {
      const input = sampleFor('rules.agree', 'householdRep') as InputOf<'rules.agree'>
      if (await api.ports.store.get('ruleAgreements', `${input.versionId}:p_chenjianguo`)) throw new Error('陈建国 should not have agreed yet')
      return input
    },
  },
  { persona: 'partyMember', action: 'rules.partyCommit' },
  { persona: 'committee', action: 'rules.saveDraft', what: 'a draft started', prepare: async (a) => (await a.as(OPENID.committee).call('rules.startDraft', { villageId: X }), sampleFor('rules.saveDraft', 'committee')) },
  { persona: 'committee', action: 'rules.discardDraft' },
  { persona: 'committee', action: 'boards.setSettings' },
  { persona: 'committee', action: 'councils.remove' },
  { persona: 'householdRep', action: 'boards.appeal' },
  { persona: 'committee', action: 'booking.revoke' },
  { persona: 'committee', action: 'booking.saveService' },
  { persona: 'committee', action: 'booking.setNoShowLimit' },
  { persona: 'committee', action: 'reports.setSettings' },
  { persona: 'resident', action: 'mailbox.write' },
  { persona: 'resident', action: 'mailbox.rate' },
  { persona: 'resident', action: 'mailbox.consent' },
  { persona: 'committee', action: 'mailbox.setSettings' },
  // to every resident of the grown village: the job tells them, a page at a time
  { persona: 'committee', action: 'affairs.publishNotice' },
  { persona: 'committee', action: 'affairs.removeNotice' },
  { persona: 'committee', action: 'affairs.saveDuty' },
  { persona: 'committee', action: 'affairs.importFinance' },
  { persona: 'resident', action: 'volunteer.checkIn' },
  { persona: 'committee', action: 'volunteer.save' },
  // --- booking, reports, mailbox, volunteer (moved from KNOWN_WRITES) ---
  { persona: 'committee', action: 'mailbox.publish' },
  { persona: 'resident', action: 'volunteer.signUp' },
  { persona: 'resident', action: 'volunteer.cancel' },
  { persona: 'committee', action: 'volunteer.confirm' },
  { persona: 'resident', action: 'booking.cancel' },
  { persona: 'resident', action: 'reports.metoo' },
  // --- account: 注销 and 入村 decisions (moved from KNOWN_WRITES) ---
  { persona: 'resident', action: 'account.requestDeletion' },
  // a member with no ballot in an open topic asks; the job erases after the call (erase.ts)
  {
    persona: 'committee',
    action: 'account.confirmDeletion',
    prepare: async (api) => (await api.as('big-3999').call('account.requestDeletion', {}), { villageId: X, personId: 'p_big3999', reason: '已电话核实本人' }),
  },
  // --- register, rules, boards, councils (moved from KNOWN_WRITES) ---
  // the draft of the cases above was discarded: this save starts one, then it is discarded again for startDraft
  { persona: 'committee', action: 'rules.saveDraft', what: 'no draft started' },
  { persona: 'committee', action: 'rules.startDraft', prepare: async (a) => (await a.as(OPENID.committee).call('rules.discardDraft', { villageId: X, versionId: `${X}:v2` }), sampleFor('rules.startDraft', 'committee')) },
  { persona: 'committee', action: 'councils.appoint' },
  // --- deliberation: the reminder, proposals (moved from KNOWN_WRITES) ---
  // the counters say how many have not voted; the job tells them a roll chunk at a time (remind-job.ts)
  { persona: 'committee', action: 'topics.remind' },
  { persona: 'householdRep', action: 'proposals.create' },
  { persona: 'resident', action: 'proposals.cosign' },
  // --- booking, register, boards.issue, topics (moved from KNOWN_WRITES) ---
  { persona: 'committee', action: 'booking.setPerson' },
  // the slots of the window are written by the job (every minute) before anyone books: the claim finds its slot
  {
    persona: 'resident',
    action: 'booking.book',
    prepare: async (api) => (await writeSlots(api.ports, api.ports.clock.now()), sampleFor('booking.book', 'resident')),
  },
  { persona: 'committee', action: 'topics.addUpdate' },
  // --- notices written with the change, pushed by the job (moved from KNOWN_WRITES) ---
  // the one person asked: their notification in the proxy's transaction (was 14 with its delivery within the answer)
  { persona: 'resident', action: 'proxies.grant' },
  // the 道德评议会: a notice to several, told by the job (was 15)
  { persona: 'resident', action: 'boards.nominate' },
  // --- one document per notice, fewer reads before the step (moved from KNOWN_WRITES) ---
  // the caller's own membership from the router, the delegate's notification the only document of its notice (was 11)
  { persona: 'resident', action: 'booking.authorize' },
  // settings, the grids (once: the answer names the grid from them; a new report has no 同问 to read), the grid's
  // workers; the report and their notice (an event: several) in one transaction (was 12)
  { persona: 'resident', action: 'reports.create' },
  // --- audit entries linked by the job (moved from KNOWN_WRITES) ---
  // the audited transaction writes its entry pending (one insert) instead of reading and moving the village's audit
  // head (three): the verdict with the residents' notice (was 12)
  { persona: 'committee', action: 'topics.decide' },
  // the key's own membership and household, in the audited transaction with the draft (was 11)
  { persona: 'committee', action: 'topics.amendRoll' },
  // the entry read before its transaction to choose the step, the settings (was 11)
  { persona: 'committee', action: 'boards.issue' },
  // the seat a conditional increment outside a transaction; the entry one plain insert after it instead of a transaction of its own (was 12)
  { persona: 'committee', action: 'booking.staffBook' },
  // with the notices of one document each and the step reading its document only (their texts in KNOWN_WRITES were 12, 11, 11, 11)
  { persona: 'committee', action: 'boards.withdraw' },
  { persona: 'committee', action: 'boards.decideAppeal' },
  { persona: 'committee', action: 'mailbox.accept' },
  { persona: 'committee', action: 'mailbox.reply' },
  // --- the village's words from the membership, a household told by the job, a slot's hint (moved from KNOWN_WRITES) ---
  // the village's words from the caller's membership (no read): the comment, its counter, audit entry and notice in one transaction (was 11)
  { persona: 'committee', action: 'comments.hide' },
  // the named household told by one event the job delivers to its members (not found first), the clause's rules version one find (was 12)
  { persona: 'committee', action: 'boards.create' },
  // a service saved since the job's last run: the slot the job has not written yet is written with the seat at once (was 11: the seat tried first)
  {
    persona: 'resident',
    action: 'booking.book',
    what: 'a slot the job has not written yet',
    prepare: async (api) => {
      const service = await api.as(OPENID.committee).call('booking.saveService', sampleFor('booking.saveService', 'committee') as InputOf<'booking.saveService'>)
      const now = api.ports.clock.now()
      const slot = windowDays(service, now).flatMap((date) => slotsOn(service, date)).find((spec) => !bookingClosedWhy(service, spec, now))!
      return { villageId: X, slotId: slot._id }
    },
  },
  // --- reports' steps (moved from KNOWN_WRITES): their answer is the report as written (the page has its grid's name and
  // the caller's 同问, and shows the report again), the town and the committee's word from the caller's membership ---
  // the report read in its audited step only, with the reporter's notification: 8 calls (was 11)
  { persona: 'committee', action: 'reports.start' },
  // the settings, then the report in its audited step with the reporter's notification: 9 calls (was 12)
  { persona: 'committee', action: 'reports.accept' },
  // the report read in its transaction only, the confirmed reports' counter a blind increment (the sample's written
  // first: one call more; a resolved report is counted live), its handlers told as they are at delivery: 9 calls (was 14)
  { persona: 'resident', action: 'reports.confirm' },
  // the settings read, the report in its audited step with the reporter's notification; those who added 同问 told as
  // the job finds them at delivery (an event, when the report has any): a resolved report is counted live with the
  // open ones (it waits for its reporter's word), so resolving moves no counter: 9 calls (was 14)
  { persona: 'committee', action: 'reports.resolve' },
  // the grid's name from the caller's membership (the village's grids are fixed facts of it), the settings (the new
  // clock) read; the report in its audited step with the reporter's notification, its new handlers told as they are
  // at delivery: 10 calls (was 12)
  { persona: 'committee', action: 'reports.transfer' },
  // two neighbours' 同问: one event more, their marks read by the job: 10 calls (was 11)
  {
    persona: 'committee',
    action: 'reports.resolve',
    what: 'a report with 同问',
    prepare: async () => ({ villageId: X, reportId: `${X}:r-rubbish1`, note: '建筑垃圾已清运', photos: [`local://villages/${X}/photos/20261126/rubbish-done.jpg`] }),
  },
  // --- the register (moved from KNOWN_WRITES) ---
  // the household and the new 户代表 read in the audited transaction, the role taken from the old one unread (a pull);
  // the answer is what it wrote to the new one, the page takes the role from the others (was 11)
  { persona: 'committee', action: 'register.setRep' },
  // the household's members read once (the new 户主 among them, and the 户主 replaced), the household in the audited transaction (was 11)
  { persona: 'committee', action: 'register.setHead' },
  // the household's counts move on the two grids' counters of its rules version, added to unread, without the village (was 13)
  { persona: 'committee', action: 'register.moveHousehold' },
  // the refusals' words from the caller's membership; the member and their household in the audited transaction, the
  // departure one update of the grid's counter of its rules version (unread, 本村概况's figures on it too): no village,
  // agreement nor counter shard read (was 14)
  { persona: 'committee', action: 'register.endMembership' },
  // --- deliberation (moved from KNOWN_WRITES) ---
  // the reports (one find) and the register counted before; the reports claimed in one conditional update (each while
  // still free) before the draft and its audit entry's transaction, their history entry one update after it: 10 calls
  // for twenty reports as for two (was 14 with three, 48 with twenty: each report read and written in the transaction)
  { persona: 'committee', action: 'topics.fromReports' },
  // --- 入村 decisions (moved from KNOWN_WRITES) ---
  // the village's words from the caller's membership; the request read and decided, the waiting counter, the applicant's
  // notification, the membership (a member at once) and the audit entry in one transaction; the household, its 户代表
  // and the counters by the job (account/admissions.ts): 10 calls to approve, into an existing household or a new one (was 16, 30 at first)
  { persona: 'committee', action: 'join.decide' },
  {
    persona: 'committee',
    action: 'join.decide',
    what: 'a 户主 at a new doorplate',
    prepare: async (api) => ({ villageId: X, requestId: (await api.as('wx-joindecide-head').call('join.request', { villageId: X, name: '钱新户', doorplate: '新山村新来巷2号', relation: '户主' }))._id, decision: 'approve' }),
  },
  // the same without the membership: 9 (was 19)
  {
    persona: 'committee',
    action: 'join.decide',
    what: 'a rejection',
    prepare: async (api) => ({ villageId: X, requestId: (await api.as('wx-joindecide-rejected').call('join.request', { villageId: X, name: '孙未过', doorplate: '新山村新来巷3号', relation: '户主' }))._id, decision: 'reject', reason: '门牌号不对' }),
  },
  // --- boards.reviewNomination (moved from KNOWN_WRITES) ---
  // the reviewer's 道德评议会 seat from their membership (it lists their seats), the settings to publish; the nomination
  // read in the step with the entry, the nominator's notification and one audit entry recording the review and the
  // publication (was 12)
  { persona: 'partyMember', action: 'boards.reviewNomination' },
]
/** the topic opened by the cases above */
let opened = ''

/** a draft of 新山村's, open from now on for two days */
async function newDraft(api: Api, mode: 'person' | 'household'): Promise<string> {
  const now = api.ports.clock.now()
  const input = { villageId: X, title: '村道两侧种植绿化树', question: '是否同意在村道两侧种植绿化树？', kind: 'yesno', mode, results: 'live', opensAt: now, closesAt: now + 2 * 24 * 3600_000 } as const
  return (await api.as(OPENID.committee).call('topics.save', input)).topic._id
}

/** writes over the bound today, with what replaces their walk (a todo, not a pass: when fixed, it moves into WRITES) */
const KNOWN_WRITES: Record<string, string> = {
  // none today. The floor most writes stand on (calls on the CloudBase emulator): the router's person and membership
  // (2), an audited transaction (begin, the document read and written, the entry written pending, commit: 5), a notice
  // to one person their notification in the transaction (1), to several an event the job delivers (1)
}

let api: Api
beforeAll(async () => {
  api = await makeApi()
  await addFixtures(api)
  await growVillage(api)
}, 120_000)
afterAll(() => api.close())

/** how many database calls one call of the action makes */
async function callsOf(persona: Persona, action: ActionName, input: unknown): Promise<number> {
  const before = api.dbCalls()
  await api.as(OPENID[persona]).call(action, input as InputOf<typeof action>)
  return api.dbCalls() - before
}

const named = READS.map(([persona, action, input]) => ({ name: `${persona} ${action}${input ? ` ${JSON.stringify(input)}` : ''}`, key: `${persona} ${action}`, persona, action, input }))

describe(`a read action makes at most ${BOUND} database calls in a village of ${BIG.members} members, ${BIG.households} households, ${BIG.topics} topics`, () => {
  test.each(named.filter((c) => !(c.key in KNOWN)).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const n = await callsOf(c.persona, c.action, c.input ?? sampleFor(c.action, c.persona))
    if (process.env.SHOW_CALLS) console.log(`${API_STORE} ${c.name}: ${n}`)
    expect(n).toBeLessThanOrEqual(BOUND)
  })
  for (const [key, why] of Object.entries(KNOWN)) test.todo(`${key}: ${why}`)
})

describe(`a write action makes at most ${BOUND} database calls in the same village`, () => {
  test.each(WRITES.map((w) => [`${w.persona} ${w.action}${w.what ? ` (${w.what})` : ''}`, w] as const))('%s', async (name, w) => {
    const input = w.prepare ? await w.prepare(api) : sampleFor(w.action, w.persona)
    // TRACE_CALLS=1 prints each round trip to the emulator
    if (process.env.TRACE_CALLS && api.emulator) api.emulator.onRequest = (a, p) => console.log('  >', a, JSON.stringify(p).slice(0, 160))
    const n = await callsOf(w.persona, w.action, input)
    if (api.emulator) api.emulator.onRequest = null
    if (process.env.SHOW_CALLS) console.log(`${API_STORE} ${name}: ${n}`)
    expect(n).toBeLessThanOrEqual(BOUND)
  })
  for (const [key, why] of Object.entries(KNOWN_WRITES)) test.todo(`${key}: ${why}`)
})

test('the count is of database calls: a find of 1,000 documents is ten round trips on CloudBase, one Store call on SQLite', async () => {
  const before = api.dbCalls()
  expect(await api.ports.store.find('memberships', { villageId: X }, { limit: 1000 })).toHaveLength(1000)
  expect(api.dbCalls() - before).toBe(API_STORE === 'cloudbase' ? 10 : 1)
  const mid = api.dbCalls()
  await api.ports.store.transaction(async (tx) => {
    await tx.get('villages', X)
    await tx.update('villages', X, { set: { name: (await tx.get('villages', X))!.name } })
  })
  // begin, three steps, commit
  expect(api.dbCalls() - mid).toBe(5)
})
