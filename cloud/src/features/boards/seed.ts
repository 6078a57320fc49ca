/**
 * Demo boards, all times relative to now. 新山村: red entries this month and last (road sections with points and
 * rewards, households), black entries published this month and last (one shown by name with its recorded reason),
 * two in their notice period (陈建国's and 林水生's households), one appealed awaiting the decision, one withdrawn after an upheld
 * appeal, one expired, a red draft; good-deeds entries, nominations pending, accepted and declined; the 四会's
 * members. 乌坎村: a red entry, a black one in its notice period (孙丽's household) and a 道德评议会 member.
 * Every entry cites a clause of the village's seeded 村规民约. Called after the rules are seeded.
 */
import dayjs from 'dayjs'
import type { Store } from '../../ports/store'
import { TZ } from '../../common/time'
import { householdId } from '../account/policy'
import { clauseOf, rebuildMembershipCouncils } from './data'
import type { Appeal, BoardEntry, Council, CouncilMember, Nomination, Responsible } from './documents'
import { DAY_MS } from './policy'
import { monthOf } from './time'

const pid = (key: string) => `p_${key}`
const NOTICE_DAYS = 3
const EXPIRY_DAYS = 90

type Who = { kind: 'household'; doorplate: string; head: string } | { kind: 'person'; key: string; name: string; doorplate: string } | { kind: 'section'; section: string; key?: string; name: string }

function responsibleOf(villageId: string, w: Who): Responsible {
  if (w.kind === 'household') return { kind: 'household', householdId: householdId(villageId, w.doorplate), personId: null, name: w.head, doorplate: w.doorplate, section: null }
  if (w.kind === 'person') return { kind: 'person', householdId: householdId(villageId, w.doorplate), personId: pid(w.key), name: w.name, doorplate: w.doorplate, section: null }
  return { kind: 'section', householdId: null, personId: w.key ? pid(w.key) : null, name: w.name, doorplate: null, section: w.section }
}

interface EntrySeed {
  n: number
  board: BoardEntry['board']
  status: BoardEntry['status']
  place: string
  section?: string
  who: Who
  what: string
  clause: string
  /** when it was created, days before now */
  ago: number
  /** the board's month when not the month it was created in: entries of this month made some days ago */
  thisMonth?: boolean
  points?: number
  reward?: string
  nameShown?: string
  appeal?: Pick<Appeal, 'text' | 'byName'> & { byKey: string; decision?: { upheld: boolean; opinion: string; reply: string } }
  withdrawn?: string
}

const COMMITTEE = { by: pid('linzhiqiang'), byName: '林志强' }

function entryOf(villageId: string, s: EntrySeed, clause: BoardEntry['clause'], now: number): BoardEntry {
  const created = now - s.ago * DAY_MS
  const black = s.board === 'black'
  const noticeUntil = black && s.status !== 'draft' ? created + NOTICE_DAYS * DAY_MS : null
  const decidedAt = noticeUntil !== null ? noticeUntil - DAY_MS / 2 : null
  const publishedAt = s.status === 'published' || s.status === 'expired' ? (black ? (s.appeal ? decidedAt : noticeUntil) : created) : null
  const appeal: Appeal | null = s.appeal
    ? {
        text: s.appeal.text,
        photos: [],
        by: pid(s.appeal.byKey),
        byName: s.appeal.byName,
        at: created + DAY_MS,
        councilOpinion: s.appeal.decision?.opinion ?? null,
        decision: s.appeal.decision ? (s.appeal.decision.upheld ? 'upheld' : 'rejected') : null,
        reply: s.appeal.decision?.reply ?? null,
        decidedBy: s.appeal.decision ? COMMITTEE.by : null,
        decidedByName: s.appeal.decision ? COMMITTEE.byName : null,
        decidedAt: s.appeal.decision ? decidedAt : null,
      }
    : null
  return {
    _id: `${villageId}:b${s.n}`,
    villageId,
    board: s.board,
    status: s.status,
    place: s.place,
    section: s.section ?? (s.who.kind === 'section' ? s.who.section : null),
    responsible: responsibleOf(villageId, s.who),
    what: s.what,
    photos: [],
    clause,
    period: monthOf(s.thisMonth ? now : created),
    reward: s.reward ?? null,
    points: s.points ?? null,
    nameShown: s.nameShown ? { reason: s.nameShown, byName: COMMITTEE.byName, at: created } : null,
    noticeUntil,
    publishedAt,
    expiresAt: publishedAt !== null ? publishedAt + EXPIRY_DAYS * DAY_MS : null,
    expiredAt: s.status === 'expired' && publishedAt !== null ? publishedAt + EXPIRY_DAYS * DAY_MS : null,
    appeal,
    withdrawn: s.withdrawn ? { reason: s.withdrawn, ...COMMITTEE, at: decidedAt ?? created } : null,
    nominationId: null,
    createdBy: COMMITTEE.by,
    createdByName: COMMITTEE.byName,
    createdAt: created,
  }
}

/** days since the start of this month (Beijing) plus d: a day safely inside last month */
const lastMonth = (now: number, d = 5) => dayjs(now).tz(TZ).diff(dayjs(now).tz(TZ).startOf('month'), 'day') + d

export async function seedBoards(store: Store, now: number): Promise<void> {
  const L = lastMonth(now)
  const XS: EntrySeed[] = [
    { n: 1, board: 'red', status: 'published', place: '东一巷（巷口至祠堂）', who: { kind: 'section', section: '东一巷', key: 'huangweiming', name: '黄伟明' }, what: '巷道每天清扫，垃圾桶分类清楚，无乱堆乱放', clause: 'xs05', ago: 0, points: 10, reward: '积分+10，可在村积分超市兑换日用品' },
    { n: 2, board: 'red', status: 'published', place: '新山村东一巷12号', section: '东一巷', who: { kind: 'household', doorplate: '新山村东一巷12号', head: '林水生' }, what: '门前三包落实到位，自家门前种花美化', clause: 'xs06', ago: 0, points: 5, reward: '积分+5' },
    { n: 3, board: 'red', status: 'published', place: '西二巷', who: { kind: 'section', section: '西二巷', name: '陈阿婆（保洁员）' }, what: '巷内沟渠疏通干净，无积水', clause: 'xs07', ago: 0, points: 8, reward: '积分+8' },
    { n: 4, board: 'red', status: 'published', place: '新村路', who: { kind: 'section', section: '新村路', key: 'huangdeming', name: '黄德明' }, what: '建房材料堆放整齐，完工后当天清理', clause: 'xs08', ago: L, points: 6, reward: '积分+6' },
    { n: 5, board: 'red', status: 'published', place: '新山村西二巷8号', section: '西二巷', who: { kind: 'household', doorplate: '新山村西二巷8号', head: '陈美玲' }, what: '带头垃圾分类，帮助邻居分拣', clause: 'xs05', ago: L + 2, points: 4, reward: '积分+4' },
    { n: 6, board: 'black', status: 'published', place: '新村路6号门前', section: '新村路', who: { kind: 'household', doorplate: '新山村新村路6号', head: '黄德明' }, what: '砂石堆放占用村道半幅，影响通行', clause: 'xs08', ago: NOTICE_DAYS + 1, thisMonth: true },
    { n: 7, board: 'black', status: 'published', place: '东一巷30号', section: '东一巷', who: { kind: 'household', doorplate: '新山村东一巷30号', head: '吴丽华' }, what: '多次将厨余垃圾与其他垃圾混投', clause: 'xs05', ago: L, nameShown: '经劝导三次仍未改正，经村民代表会议决定实名公示' },
    { n: 8, board: 'black', status: 'notice', place: '西二巷20号门前', section: '西二巷', who: { kind: 'household', doorplate: '新山村西二巷20号', head: '陈建国' }, what: '门前堆放旧家具和垃圾超过一周未清理', clause: 'xs06', ago: 1 },
    {
      n: 9,
      board: 'black',
      status: 'appealed',
      place: '村东水塘',
      who: { kind: 'household', doorplate: '新山村西二巷2号', head: '郑志远' },
      what: '往村东水塘排放洗衣污水',
      clause: 'xs07',
      ago: 2,
      appeal: { text: '我家早已接入污水管，照片里的排水管是隔壁空置房的，请核实', byKey: 'zhengzhiyuan', byName: '郑志远' },
    },
    {
      n: 10,
      board: 'black',
      status: 'withdrawn',
      place: '新村路北侧田边',
      section: '新村路',
      who: { kind: 'household', doorplate: '新山村新村路15号', head: '黄伟明' },
      what: '田边露天焚烧秸秆',
      clause: 'xs07',
      ago: 12,
      appeal: { text: '当天是镇里统一组织的防火隔离带烧除，有镇林业站人员在场', byKey: 'huangweiming', byName: '黄伟明', decision: { upheld: true, opinion: '经核实属镇林业站组织的计划烧除，不属违约', reply: '经核实情况属实，该条目撤销，不予公示' } },
      withdrawn: '经核实情况属实，该条目撤销，不予公示',
    },
    { n: 11, board: 'black', status: 'expired', place: '东一巷12号屋后', section: '东一巷', who: { kind: 'household', doorplate: '新山村东一巷12号', head: '林水生' }, what: '鸡鸭散放进入邻居菜地', clause: 'xs08', ago: EXPIRY_DAYS + 20 },
    { n: 12, board: 'good', status: 'published', place: '新山村西二巷20号', who: { kind: 'person', key: 'chenxiaohong', name: '陈小红', doorplate: '新山村西二巷20号' }, what: '暑假义务为游客讲解村里的红色旧址二十余场', clause: 'xs12', ago: L + 1 },
    { n: 13, board: 'red', status: 'draft', place: '西二巷2号', section: '西二巷', who: { kind: 'household', doorplate: '新山村西二巷2号', head: '郑志远' }, what: '主动清理巷口公共区域杂草', clause: 'xs06', ago: 0, points: 3, reward: '积分+3' },
    {
      n: 14,
      board: 'black',
      status: 'published',
      place: '村东鱼塘边',
      who: { kind: 'household', doorplate: '新山村东一巷3号', head: '林志强' },
      what: '鱼塘边乱扔饲料袋',
      clause: 'xs07',
      ago: 6,
      thisMonth: true,
      appeal: { text: '饲料袋是被风吹过去的', byKey: 'linzhiqiang', byName: '林志强', decision: { upheld: false, opinion: '现场多次发现，应加强管理', reply: '经现场核实，饲料袋堆放在塘边多日，申诉不予支持，请及时清理' } },
    },
    { n: 16, board: 'black', status: 'notice', place: '东一巷12号屋后空地', section: '东一巷', who: { kind: 'household', doorplate: '新山村东一巷12号', head: '林水生' }, what: '屋后空地露天焚烧生活垃圾', clause: 'xs07', ago: 0 },
  ]
  const WK: EntrySeed[] = [
    { n: 1, board: 'red', status: 'published', place: '港口路', who: { kind: 'section', section: '港口路', key: 'hezhi', name: '何志' }, what: '渔船垃圾全部带回岸上分类处理', clause: 'wk05', ago: 0, points: 10, reward: '积分+10' },
    { n: 2, board: 'black', status: 'notice', place: '老街16号门前', section: '老街', who: { kind: 'household', doorplate: '乌坎村老街16号', head: '孙丽' }, what: '渔网晾晒占用老街通道', clause: 'wk10', ago: 1 },
  ]
  for (const [villageId, seeds] of [['v-xinshan', XS], ['v-wukan', WK]] as const) {
    for (const s of seeds) await store.insert('boardEntries', entryOf(villageId, s, await clauseOf(store, villageId, s.clause), now))
  }

  // a nomination accepted into a good entry, one pending, one declined
  const nominations: Nomination[] = [
    {
      _id: 'v-xinshan:n1',
      villageId: 'v-xinshan',
      nomineeName: '李桂兰',
      nomineePersonId: pid('liguilan'),
      nomineeHouseholdId: householdId('v-xinshan', '新山村东一巷12号'),
      place: '新山村东一巷',
      deed: '每天给东一巷独居的陈伯送饭，陪他看病，坚持了两年',
      photos: [],
      by: pid('chenjianguo'),
      byName: '陈建国',
      at: now - 3 * DAY_MS,
      status: 'accepted',
      review: { reason: '事迹属实，邻里称道，入选本月善行义举榜', by: pid('linshuisheng'), byName: '林水生', at: now - DAY_MS },
      entryId: 'v-xinshan:b15',
    },
    { _id: 'v-xinshan:n2', villageId: 'v-xinshan', nomineeName: '黄德明', nomineePersonId: pid('huangdeming'), nomineeHouseholdId: householdId('v-xinshan', '新山村新村路6号'), place: '村东水塘', deed: '下塘救起落水的邻居小孩，并送医检查', photos: [], by: pid('wulihua'), byName: '吴丽华', at: now - DAY_MS / 2, status: 'pending', review: null, entryId: null },
    { _id: 'v-xinshan:n3', villageId: 'v-xinshan', nomineeName: '郑志远', nomineePersonId: pid('zhengzhiyuan'), nomineeHouseholdId: householdId('v-xinshan', '新山村西二巷2号'), place: '西二巷', deed: '自费给巷口装了一盏路灯，方便晚上出行', photos: [], by: pid('chenxiaohong'), byName: '陈小红', at: now - 10 * DAY_MS, status: 'declined', review: { reason: '路灯由村集体统一安装，经核实并非个人出资，本次不入选', by: pid('linshuisheng'), byName: '林水生', at: now - 8 * DAY_MS }, entryId: null },
  ]
  for (const n of nominations) await store.insert('nominations', n)
  const accepted = nominations[0]
  const good = entryOf('v-xinshan', { n: 15, board: 'good', status: 'published', place: accepted.place, who: { kind: 'person', key: 'liguilan', name: '李桂兰', doorplate: '新山村东一巷12号' }, what: accepted.deed, clause: 'xs21', ago: 1, thisMonth: true }, await clauseOf(store, 'v-xinshan', 'xs21'), now)
  await store.insert('boardEntries', { ...good, nominationId: accepted._id, createdBy: pid('linshuisheng'), createdByName: '林水生' })

  // the 四会: 林水生 and 郑志远 on the 道德评议会 (林水生 reviews nominations in the demo)
  const councils: Array<[string, Council, string, string]> = [
    ['v-xinshan', 'moral', 'linshuisheng', '林水生'],
    ['v-xinshan', 'moral', 'zhengzhiyuan', '郑志远'],
    ['v-xinshan', 'villagers', 'chenjianguo', '陈建国'],
    ['v-xinshan', 'villagers', 'wulihua', '吴丽华'],
    ['v-xinshan', 'antiDrugGambling', 'huangweiming', '黄伟明'],
    ['v-xinshan', 'weddingFuneral', 'chenmeiling', '陈美玲'],
    ['v-xinshan', 'weddingFuneral', 'liguilan', '李桂兰'],
    ['v-wukan', 'moral', 'yangjinhe', '杨锦和'],
  ]
  for (const [villageId, council, key, name] of councils) {
    await store.insert('councilMembers', { _id: `${villageId}:${council}:${pid(key)}`, villageId, council, personId: pid(key), name, since: now - 60 * DAY_MS, byName: villageId === 'v-wukan' ? '杨锦和' : '林志强' } satisfies CouncilMember)
  }
  for (const villageId of new Set(councils.map(([v]) => v))) await rebuildMembershipCouncils(store, villageId)
}
