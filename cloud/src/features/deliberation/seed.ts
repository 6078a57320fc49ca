/**
 * Demo deliberation, all times relative to now. 新山村: an open person-mode topic with live results,
 * ballots, comments (replies, stances, likes, one hidden) and a proxy waiting for 林水生; an open
 * household-mode sealed choice with a ballot cast by proxy; a closed topic with a valid result awaiting
 * its decision (three ballots from the meeting under the banyan tree); a decided topic with two
 * implementation updates (it came from a residents' proposal); a done one; a draft; a proposal
 * collecting co-signs and one accepted. 乌坎村: one open topic.
 * Called by seedDemo after villages, households and memberships exist.
 */
import type { Household, Membership } from '../account/documents'
import type { Ballot, BallotSource, Comment, ImplementationUpdate, Proposal, Proxy, Stance, Topic } from './documents'
import { commentCountFromComments, newReceipt, rollDocs, rollPageDocs, tallyFromBallots } from './data'
import { publishedCount } from './publish'
import type { Store } from '../../ports/store'
import { ballotId, buildOptions, eligibleVoters } from './policy'
import type { CommentLike } from './documents'
import type { Cosign } from './documents'

const DAY = 24 * 3600 * 1000
const HOUR = 3600 * 1000
const pid = (key: string) => `p_${key}`

export const DELIBERATION_IDS = {
  road: 'v-xinshan:t1',
  fishpond: 'v-xinshan:t2',
  square: 'v-xinshan:t3',
  lights: 'v-xinshan:t4',
  bins: 'v-xinshan:t5',
  draft: 'v-xinshan:t6',
  wukanDredge: 'v-wukan:t1',
} as const

type TopicSeed = Pick<Topic, '_id' | 'villageId' | 'title' | 'background' | 'question' | 'kind' | 'mode' | 'results' | 'opensAt' | 'closesAt' | 'status'> &
  Partial<Pick<Topic, 'maxChoices' | 'proposalId' | 'decision' | 'updates'>> & { labels?: string[]; by: [key: string, name: string] }

export async function seedDeliberation(store: Store, now: number): Promise<void> {
  const membersOf = new Map<string, Membership[]>()
  const householdsOf = new Map<string, Household[]>()
  for (const v of ['v-xinshan', 'v-wukan']) {
    membersOf.set(v, await store.find('memberships', { villageId: v }))
    householdsOf.set(v, await store.find('households', { villageId: v }))
  }
  const member = (villageId: string, key: string) => membersOf.get(villageId)!.find((m) => m.personId === pid(key))!
  const household = (villageId: string, id: string | null) => householdsOf.get(villageId)!.find((h) => h._id === id) ?? null

  const topics = new Map<string, Topic>()
  const addTopic = async (s: TopicSeed) => {
    const { labels, by, ...rest } = s
    // a topic that has opened has its roll, frozen from the register at the opening
    const roll = s.status === 'draft' ? [] : eligibleVoters(s.mode, membersOf.get(s.villageId)!, householdsOf.get(s.villageId)!)
    const rollChunks = rollDocs(s, roll)
    const rollPages = rollPageDocs(s, roll)
    const ended = s.status === 'closed' || s.status === 'decided' || s.status === 'done'
    const t: Topic = {
      photos: [],
      maxChoices: 1,
      proposalId: null,
      decision: null,
      updates: [],
      ...rest,
      options: buildOptions(s.kind, labels ?? []),
      eligibleCount: roll.length,
      ...(s.status === 'draft' ? {} : { rollChunks: rollChunks.length, rollPages: rollPages.length }),
      createdBy: pid(by[0]),
      createdByName: by[1],
      createdAt: s.opensAt - 2 * DAY,
      publishedAt: s.status === 'draft' ? null : s.opensAt - DAY,
      closedAt: ended ? s.closesAt : null,
      remindedAt: null,
    }
    topics.set(t._id, t)
    await store.insert('topics', t)
    if (s.status !== 'draft') for (const c of rollChunks) await store.insert('topicRolls', c)
    if (s.status !== 'draft') for (const p of rollPages) await store.insert('topicRollPages', p)
  }

  /** [voter key, choices, source, cast by (for proxy and meeting), hours after the opening] */
  type BallotSeed = [voter: string, choices: string[], source?: BallotSource, by?: string, hours?: number, changes?: number]
  const addBallots = async (topicId: string, seeds: BallotSeed[]) => {
    const t = topics.get(topicId)!
    for (const [i, [key, choices, source = 'online', by = key, hours = 3 + i * 5, changes = 0]] of seeds.entries()) {
      const m = member(t.villageId, key)
      const h = household(t.villageId, m.householdId)
      const voterKey = t.mode === 'person' ? m.personId : h!._id
      if (t.mode === 'household' && h!.repPersonId !== m.personId) throw new Error(`seed: ${key} does not represent ${h!._id}`)
      const b: Ballot = {
        _id: ballotId(topicId, voterKey),
        villageId: t.villageId,
        topicId,
        voterKey,
        personId: m.personId,
        householdId: h?._id ?? null,
        gridId: h?.gridId ?? null,
        choices,
        source,
        castBy: pid(by),
        castByName: member(t.villageId, by).name,
        castAt: Math.min(t.opensAt + hours * HOUR, t.closesAt - HOUR, now - HOUR),
        changes,
        receipt: newReceipt(),
      }
      await store.insert('ballots', b)
    }
  }

  const X = 'v-xinshan'
  const W = 'v-wukan'
  const LZQ: [string, string] = ['linzhiqiang', '林志强']
  const CML: [string, string] = ['chenmeiling', '陈美玲']

  // ---- open, person mode, live results: a few ballots, the quorum one vote away
  await addTopic({
    _id: DELIBERATION_IDS.road,
    villageId: X,
    title: '东一巷至新村路村道硬底化',
    background:
      '东一巷至新村路约1.2公里仍是土路，雨天泥泞积水，老人小孩出行不便，农用车也常陷车。镇里已将本路段列入“四好农村路”补助计划，补助约60%，其余由村集体经营收入承担，不向村民集资。施工期约两个月，预算明细已张贴在村委会公告栏。',
    question: '是否同意将东一巷至新村路约1.2公里土路硬底化（水泥路面，宽4.5米），资金由上级补助和村集体收入承担、不向村民集资？',
    kind: 'yesno',
    mode: 'person',
    results: 'live',
    opensAt: now - 2 * DAY,
    closesAt: now + 5 * DAY,
    status: 'open',
    by: LZQ,
  })
  await addBallots(DELIBERATION_IDS.road, [
    ['chenmeiling', ['yes']],
    ['huangweiming', ['yes']],
    ['wulihua', ['no']],
    ['zhengzhiyuan', ['yes']],
    ['chenxiaohong', ['abstain'], 'online', 'chenxiaohong', 30, 1],
    ['huangdeming', ['no'], 'meeting', 'linzhiqiang', 26],
  ])
  // he was told what the committee recorded in his name, and objects (the committee sees it on the meeting list)
  await store.update('ballots', { _id: ballotId(DELIBERATION_IDS.road, pid('huangdeming')) }, { set: { objection: { reason: '那天我在镇上，没有参加会议，请核实', at: now - 3 * HOUR } } })

  // ---- open, household mode, sealed: one ballot per household, one of them cast by the grid worker as proxy
  await addTopic({
    _id: DELIBERATION_IDS.fishpond,
    villageId: X,
    title: '村集体鱼塘承包方案（2027—2031年）',
    background:
      '村集体鱼塘（约38亩）现承包合同将于2026年底到期。村“两委”提出三种方案供各户表决：公开竞价由出价最高者承包；由村经济合作社自营，收益按户分红；或由原承包户续包、租金上调10%。投票截止前不公开各方案票数。',
    question: '村集体鱼塘2027—2031年采用哪种承包方案？（每户选一项）',
    kind: 'choice',
    labels: ['公开竞价，价高者承包', '村经济合作社自营，收益按户分红', '原承包户续包，租金上调10%'],
    mode: 'household',
    results: 'sealed',
    opensAt: now - DAY,
    closesAt: now + 6 * DAY,
    status: 'open',
    by: CML,
  })
  await addBallots(DELIBERATION_IDS.fishpond, [
    ['chenmeiling', ['o1']],
    ['huangdeming', ['o2']],
    ['zhengzhiyuan', ['o1']],
    ['wulihua', ['o2'], 'proxy', 'huangweiming'],
  ])

  // ---- closed with a valid result, waiting for the committee's decision; three ballots from the meeting
  await addTopic({
    _id: DELIBERATION_IDS.square,
    villageId: X,
    title: '修缮祠堂前广场',
    background: '祠堂前广场地砖破损、排水不畅，是村里办红白事和榕树下议事的地方。拟重铺地砖、疏通排水沟、增设休息座椅，预算约8万元，由村集体收入和乡贤捐资承担。',
    question: '是否同意按公示方案修缮祠堂前广场？',
    kind: 'yesno',
    mode: 'person',
    results: 'live',
    opensAt: now - 10 * DAY,
    closesAt: now - DAY,
    status: 'closed',
    by: LZQ,
  })
  await addBallots(DELIBERATION_IDS.square, [
    ['linzhiqiang', ['yes']],
    ['chenmeiling', ['yes']],
    ['linshuisheng', ['yes']],
    ['huangweiming', ['no']],
    ['chenjianguo', ['yes']],
    ['liguilan', ['yes'], 'meeting', 'linzhiqiang', 7 * 24],
    ['huangdeming', ['abstain'], 'meeting', 'linzhiqiang', 7 * 24],
    ['wulihua', ['yes'], 'meeting', 'linzhiqiang', 7 * 24],
  ])

  // ---- decided, from a residents' proposal, two implementation updates so far
  const update = (id: string, text: string, at: number, byName: string, done = false): ImplementationUpdate => ({ id, text, photos: [], done, byName, at })
  await addTopic({
    _id: DELIBERATION_IDS.lights,
    villageId: X,
    title: '安装村道路灯',
    background: '村民提议：村里主要巷道晚上没有照明，老人晚上出门和孩子放学回家都不安全。拟在东一巷、西二巷、新村路安装太阳能路灯约32盏。',
    question: '是否同意在东一巷、西二巷、新村路安装太阳能路灯（约32盏），费用由村集体承担？',
    kind: 'yesno',
    mode: 'household',
    results: 'live',
    opensAt: now - 30 * DAY,
    closesAt: now - 20 * DAY,
    status: 'decided',
    proposalId: 'v-xinshan:pr-lights',
    decision: { text: '经按户表决通过，在东一巷、西二巷、新村路安装太阳能路灯32盏，由村委会公开比选供应商，年内完工。', byName: '林志强', at: now - 18 * DAY },
    updates: [
      update('u-lights-1', '已与镇供电所和三家供应商比选，确定采购32盏太阳能路灯，合同已在村务公开栏公示。', now - 10 * DAY, '林志强'),
      update('u-lights-2', '东一巷、西二巷共20盏路灯已安装完成并亮灯，新村路段12盏下周施工。', now - 3 * DAY, '陈美玲'),
    ],
    by: LZQ,
  })
  await addBallots(DELIBERATION_IDS.lights, [
    ['linzhiqiang', ['yes']],
    ['chenmeiling', ['yes']],
    ['huangweiming', ['yes']],
    ['linshuisheng', ['yes']],
    ['chenjianguo', ['no']],
    ['huangdeming', ['yes']],
    ['wulihua', ['yes']],
  ])

  // ---- done
  await addTopic({
    _id: DELIBERATION_IDS.bins,
    villageId: X,
    title: '增设垃圾分类投放点',
    background: '村里现有垃圾桶不足且未分类，夏天异味大。拟在各巷口增设8个分类投放点，并安排保洁员定时清运。',
    question: '是否同意在各巷口增设8个垃圾分类投放点？',
    kind: 'yesno',
    mode: 'person',
    results: 'live',
    opensAt: now - 75 * DAY,
    closesAt: now - 65 * DAY,
    status: 'done',
    decision: { text: '表决通过：在各巷口增设8个垃圾分类投放点，保洁员每日清运两次。', byName: '陈美玲', at: now - 63 * DAY },
    updates: [
      update('u-bins-1', '8个投放点选址已与各户商定，分类垃圾桶已采购到位。', now - 50 * DAY, '陈美玲'),
      update('u-bins-2', '8个投放点已全部建成投入使用，保洁员每天早晚各清运一次。本事项办结。', now - 40 * DAY, '陈美玲', true),
    ],
    by: CML,
  })
  await addBallots(DELIBERATION_IDS.bins, [
    ['linzhiqiang', ['yes']],
    ['chenmeiling', ['yes']],
    ['linshuisheng', ['yes']],
    ['liguilan', ['yes']],
    ['chenjianguo', ['yes']],
    ['wulihua', ['no']],
    ['zhengzhiyuan', ['yes']],
  ])

  // ---- a draft for the committee to finish
  await addTopic({
    _id: DELIBERATION_IDS.draft,
    villageId: X,
    title: '整治村内池塘环境',
    background: '村中池塘有人倾倒垃圾和生活污水，水质变差。拟清淤、设置护栏和警示牌，并纳入门前三包。',
    question: '是否同意对村内池塘进行清淤整治，并禁止向池塘倾倒垃圾和污水？',
    kind: 'yesno',
    mode: 'person',
    results: 'live',
    opensAt: now + DAY,
    closesAt: now + 8 * DAY,
    status: 'draft',
    by: CML,
  })

  // ---- 乌坎村: one open topic
  await addTopic({
    _id: DELIBERATION_IDS.wukanDredge,
    villageId: W,
    title: '港口避风塘清淤工程',
    background: '避风塘淤积严重，大潮时渔船进出困难。拟申请市级渔港维护资金清淤，施工期间渔船分批停靠外港。',
    question: '是否同意实施港口避风塘清淤工程，施工期间渔船分批停靠外港？',
    kind: 'yesno',
    mode: 'person',
    results: 'live',
    opensAt: now - DAY,
    closesAt: now + 4 * DAY,
    status: 'open',
    by: ['yangjinhe', '杨锦和'],
  })
  await addBallots(DELIBERATION_IDS.wukanDredge, [['sunli', ['yes']]])

  // ---- proxies: 李桂兰 asked her husband 林水生 to vote for her on the road (not used yet); 吴丽华 asked the grid worker on the fish pond (used)
  const proxy = (topicId: string, grantor: string, to: string, at: number, usedAt: number | null): Proxy => ({
    _id: `${topicId}:${pid(grantor)}`,
    villageId: X,
    topicId,
    grantorId: pid(grantor),
    grantorName: member(X, grantor).name,
    proxyId: pid(to),
    proxyName: member(X, to).name,
    at,
    revoked: false,
    usedAt,
  })
  await store.insert('proxies', proxy(DELIBERATION_IDS.road, 'liguilan', 'linshuisheng', now - DAY, null))
  const used = (await store.get('ballots', ballotId(DELIBERATION_IDS.fishpond, member(X, 'wulihua').householdId!)))!.castAt
  await store.insert('proxies', proxy(DELIBERATION_IDS.fishpond, 'wulihua', 'huangweiming', used - HOUR, used))

  // ---- comments on the road: stances, replies, likes, one hidden
  type CommentSeed = [id: string, author: string, text: string, stance: Stance | null, likedBy: string[], parent?: string, hidden?: string]
  const comments: Array<[topicId: string, hoursAfterOpening: number, seed: CommentSeed]> = [
    [DELIBERATION_IDS.road, 2, ['c-road-1', 'chenjianguo', '东一巷一下雨就是泥路，老人小孩出门不方便，早该硬化了。', 'for', ['linshuisheng', 'wulihua', 'chenmeiling']]],
    [DELIBERATION_IDS.road, 4, ['c-road-2', 'huangweiming', '东一巷下雨积水的几个点我都拍照记录了，施工时建议一并做排水沟。', null, ['chenjianguo'], 'c-road-1']],
    [DELIBERATION_IDS.road, 6, ['c-road-3', 'wulihua', '修路我支持，但如果要每户集资，标准要先讲清楚，不然我反对。', 'against', ['huangdeming', 'linjun']]],
    [DELIBERATION_IDS.road, 7, ['c-road-4', 'chenmeiling', '资金来自上级补助和村集体收入，不向各户集资，预算明细已贴在公告栏。', null, ['wulihua'], 'c-road-3']],
    [DELIBERATION_IDS.road, 9, ['c-road-5', 'wulihua', '不集资的话我支持，等我看了预算再改票。', 'for', [], 'c-road-3']],
    [DELIBERATION_IDS.road, 12, ['c-road-6', 'zhengzhiyuan', '建议避开农忙时节施工，施工期间留出农用车通道。', 'neutral', ['linzhiqiang']]],
    [DELIBERATION_IDS.road, 20, ['c-road-7', 'chenxiaohong', '某某家把村道占来堆杂物，路修好了也会被占，大家都知道是谁。', null, [], undefined, '涉及对他人的指责，请通过网格员反映具体问题']],
    [DELIBERATION_IDS.fishpond, 3, ['c-pond-1', 'huangdeming', '合作社自营的话，账目要每季度公开。', 'neutral', ['zhengzhiyuan']]],
    [DELIBERATION_IDS.square, 5, ['c-square-1', 'linshuisheng', '广场是大家议事的地方，修好了榕树下议事也舒服些。', 'for', ['liguilan', 'linzhiqiang']]],
  ]
  for (const [topicId, hours, [id, author, text, stance, likedBy, parent, hiddenReason]] of comments) {
    const t = topics.get(topicId)!
    const at = Math.min(t.opensAt + hours * HOUR, now - HOUR)
    const c: Comment = {
      _id: id,
      villageId: t.villageId,
      topicId,
      parentId: parent ?? null,
      authorId: pid(author),
      authorName: member(t.villageId, author).name,
      text,
      stance,
      likes: likedBy.length,
      createdAt: at,
      hidden: hiddenReason ? { reason: hiddenReason, byName: '林志强', at: at + HOUR } : null,
    }
    await store.insert('comments', c)
    for (const who of likedBy) {
      await store.insert('commentLikes', { _id: `${id}:${pid(who)}`, villageId: t.villageId, topicId, commentId: id, personId: pid(who), at: at + HOUR } satisfies CommentLike)
    }
  }

  // ---- proposals: one collecting, one accepted (for the committee to schedule), one scheduled (the lights)
  const proposals: Array<{ p: Omit<Proposal, 'villageId' | 'cosigns' | 'proposerName' | 'proposerId'>; proposer: string; signers: string[] }> = [
    {
      p: {
        _id: 'v-xinshan:pr-crossing',
        title: '村小学门口设置减速带和斑马线',
        background: '村小学门口就在村道边，上下学时段车辆速度快，孩子过马路很危险，建议设置减速带、斑马线和警示牌。',
        needed: 5,
        status: 'collecting',
        topicId: null,
        createdAt: now - 3 * DAY,
        acceptedAt: null,
      },
      proposer: 'huangdeming',
      signers: ['wulihua'],
    },
    {
      p: {
        _id: 'v-xinshan:pr-elderly',
        title: '建设村老年人活动中心',
        background: '村里老人越来越多，平时只能在榕树下坐坐，建议利用村委会旧办公楼改建老年人活动中心，配棋牌室和阅览室。',
        needed: 5,
        status: 'accepted',
        topicId: null,
        createdAt: now - 12 * DAY,
        acceptedAt: now - DAY,
      },
      proposer: 'chenjianguo',
      signers: ['chenxiaohong', 'linjun', 'huangdeming', 'wulihua'],
    },
    {
      p: {
        _id: 'v-xinshan:pr-lights',
        title: '安装村道路灯',
        background: '村里主要巷道晚上没有照明，老人晚上出门和孩子放学回家都不安全，建议安装太阳能路灯。',
        needed: 5,
        status: 'scheduled',
        topicId: DELIBERATION_IDS.lights,
        createdAt: now - 45 * DAY,
        acceptedAt: now - 36 * DAY,
      },
      proposer: 'wulihua',
      signers: ['linshuisheng', 'liguilan', 'chenjianguo', 'zhengzhiyuan'],
    },
  ]
  // topics whose voting has ended published their count (计票清单) at the close
  for (const t of topics.values()) {
    if (t.status === 'draft' || t.status === 'open') continue
    // its chunks and its hash are written together, once (the job builds the same in batches)
    if ((await store.get('topics', t._id))?.countHash) continue
    const count = publishedCount(t, await store.find('ballots', { topicId: t._id }))
    await store.transaction(async (tx) => {
      for (const d of count.docs) await tx.insert('topicCounts', d)
      await tx.update('topics', t._id, { set: { countChunks: count.docs.length, countHash: count.hash } })
    })
  }
  // the counters, from the ballots just written: an open topic's shards, an ended one's final counts (once each)
  for (const t of topics.values()) await tallyFromBallots(store, t)
  // and the comments each shows, from those just written
  for (const t of topics.values()) await commentCountFromComments(store, t)

  for (const { p, proposer, signers } of proposals) {
    const all = [proposer, ...signers]
    await store.insert('proposals', { ...p, villageId: X, proposerId: pid(proposer), proposerName: member(X, proposer).name, cosigns: all.length } satisfies Proposal)
    for (const [i, who] of all.entries()) {
      await store.insert('cosigns', { _id: `${p._id}:${pid(who)}`, villageId: X, proposalId: p._id, personId: pid(who), name: member(X, who).name, at: p.createdAt + i * HOUR } satisfies Cosign)
    }
  }
}
