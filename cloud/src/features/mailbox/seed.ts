/**
 * Demo letters, all relative to now, written as the actions write them (history, due dates): 新山村 has one in
 * every state — received (one anonymous, about a 财务公开 line), accepted, replied and waiting for its rating,
 * replied and rated then made public (one with its writer's name, one without), and one overdue already
 * escalated to the town; 乌坎村 has one. 新山村's committee has confirmed the default 7 days to reply.
 */
import type { Store } from '../../ports/store'
import type { Letter, LetterEvent } from './documents'
import { DEFAULT_REPLY_DAYS, letterToWord } from './documents'
import { committeeWord } from '../account/documents'
import { ANONYMOUS_NAME, dueFrom, SYSTEM_NAME, WRITER_ROLE } from './policy'

const X = 'v-xinshan'
const W = 'v-wukan'
const HOUR = 3_600_000

interface Draft {
  id: string
  villageId?: string
  writer: [key: string, name: string]
  subject: string
  text: string
  to?: Letter['to']
  /** hours ago it was written */
  ago: number
  anonymous?: boolean
  consent?: boolean
  publicName?: boolean
  about?: Letter['about']
  /** hours after writing: accepted by the committee */
  accepted?: number
  replied?: { after: number; text: string }
  rated?: { after: number; rating: number; note: string | null }
  /** hours after writing it was made public */
  published?: number
  escalated?: number
}

/** both villages with letters (新山村, 乌坎村) are villages: 村委会 */
const KIND = 'village' as const
const COMMITTEE: Record<string, [string, string]> = { [X]: ['p_linzhiqiang', '林志强'], [W]: ['p_yangjinhe', '杨锦和'] }

function letterOf(d: Draft, now: number): Letter {
  const villageId = d.villageId ?? X
  const at = now - d.ago * HOUR
  const [writerKey, writerName] = d.writer
  const writerId = `p_${writerKey}`
  const [byId, byName] = COMMITTEE[villageId]
  const asWriter = d.anonymous ? ANONYMOUS_NAME : writerName
  const to = d.to ?? 'committee'
  const history: LetterEvent[] = [{ at, action: 'write', by: writerId, byName: asWriter, role: WRITER_ROLE, note: `写给${letterToWord(to, KIND)}${d.consent ? '，同意公开' : ''}` }]
  const committee = (after: number, action: LetterEvent['action'], note: string | null): LetterEvent => ({ at: at + after * HOUR, action, by: byId, byName, role: committeeWord(KIND), note })
  if (d.accepted !== undefined) history.push(committee(d.accepted, 'accept', '已转交相关负责人核实'))
  if (d.escalated !== undefined) history.push({ at: at + d.escalated * HOUR, action: 'escalate', by: '', byName: SYSTEM_NAME, role: SYSTEM_NAME, note: '回复期限已过，已上报镇街' })
  if (d.replied) history.push(committee(d.replied.after, 'reply', null))
  if (d.rated) history.push({ at: at + d.rated.after * HOUR, action: 'rate', by: writerId, byName: asWriter, role: WRITER_ROLE, note: `评分${d.rated.rating}星${d.rated.note ? `：${d.rated.note}` : ''}` })
  if (d.published !== undefined) history.push(committee(d.published, 'publish', null))
  const status: Letter['status'] = d.replied ? 'replied' : d.accepted !== undefined ? 'accepted' : 'received'
  return {
    _id: `${villageId}:${d.id}`,
    villageId,
    to,
    subject: d.subject,
    text: d.text,
    photos: [],
    about: d.about ?? null,
    writerId,
    writerName,
    anonymous: d.anonymous ?? false,
    consent: d.consent ?? false,
    publicName: d.publicName ?? false,
    public: d.published !== undefined,
    publishedAt: d.published !== undefined ? at + d.published * HOUR : null,
    status,
    createdAt: at,
    updatedAt: Math.max(...history.map((e) => e.at)),
    dueAt: dueFrom(at, DEFAULT_REPLY_DAYS),
    escalatedAt: d.escalated !== undefined ? at + d.escalated * HOUR : null,
    reply: d.replied ? { text: d.replied.text, photos: [], at: at + d.replied.after * HOUR, byName } : null,
    rating: d.rated?.rating ?? null,
    ratingNote: d.rated?.note ?? null,
    history,
  }
}

const DRAFTS: Draft[] = [
  { id: 'm-water', writer: ['chenjianguo', '陈建国'], subject: '东一巷自来水水压太低', text: '最近一周每天早上七点到九点，东一巷的自来水水压很低，二楼基本没有水，请村里帮忙问问供水公司。', ago: 2 },
  {
    id: 'm-cleaning',
    writer: ['huangdeming', '黄德明'],
    subject: '村道保洁费为什么比去年多',
    text: '财务公开里第三季度村道保洁费比去年同期多了不少，想了解一下是增加了保洁范围还是换了保洁公司。',
    ago: 26,
    anonymous: true,
    about: { kind: 'finance', id: `${X}:finance-line`, label: '2026年第三季度 · 村道保洁费' },
  },
  { id: 'm-lamp', writer: ['linshuisheng', '林水生'], subject: '新村路路灯晚上不亮', text: '新村路靠近小广场的三盏路灯已经坏了半个月，晚上老人去广场跳舞回来很不安全。', to: 'secretary', ago: 72, accepted: 5 },
  {
    id: 'm-allowance',
    writer: ['liguilan', '李桂兰'],
    subject: '高龄津贴怎么申请',
    text: '我今年七十三岁，听说满七十岁可以领高龄津贴，请问要带什么材料，到哪里办？',
    ago: 60,
    accepted: 3,
    replied: { after: 30, text: '李阿姨您好：80周岁以上才可以领取高龄津贴，您现在可以先办理老年人优待证。带身份证和户口本到党群服务中心一楼窗口即可，周一至周五上午办理，不需要开证明。' },
  },
  {
    id: 'm-fee',
    writer: ['wulihua', '吴丽华'],
    subject: '卫生费收取标准',
    text: '今年的卫生费每户收多少？按人头还是按户？家里只有两个老人住的也要交一样多吗？',
    ago: 24 * 12,
    consent: true,
    accepted: 4,
    replied: { after: 48, text: '卫生费按户收取，每户每年120元；家中只有70周岁以上老人居住的，减半收取，请到村委会登记。收费标准已经村民代表会议表决通过。' },
    rated: { after: 60, rating: 5, note: '回复很清楚，谢谢' },
    published: 72,
  },
  {
    id: 'm-court',
    writer: ['chenjianguo', '陈建国'],
    subject: '篮球场晚上能开到几点',
    text: '村篮球场晚上九点就关灯了，年轻人下班回来打不了几分钟，能不能延长到十点？',
    ago: 24 * 20,
    consent: true,
    publicName: true,
    replied: { after: 20, text: '经村委会研究，篮球场照明从下周一起延长到晚上十点，十点后请保持安静，不影响周边住户休息。' },
    rated: { after: 30, rating: 4, note: null },
    published: 40,
  },
  { id: 'm-drain', writer: ['linjun', '林俊'], subject: '东一巷排水沟堵塞', text: '东一巷12号门口的排水沟一下雨就满出来，已经跟网格员说过，想请村委会统一安排清理。', ago: 24 * 9, accepted: 10, escalated: 24 * 8 },
  { id: 'm-harbour', villageId: W, writer: ['sunli', '孙丽'], subject: '港口停车太乱', text: '港口路两边停满了货车，早上送孩子上学很难走，请村委会协调划定停车位。', ago: 10 },
]

export async function seedMailbox(store: Store, now: number): Promise<void> {
  // 新山村's committee confirmed the default days (so the settings page says who set them)
  await store.insert('mailboxSettings', { _id: X, villageId: X, replyDays: DEFAULT_REPLY_DAYS, updatedAt: now - 30 * 24 * HOUR, updatedByName: '林志强' })
  for (const d of DRAFTS) await store.insert('letters', letterOf(d, now))
}

/** for the tests: the demo letters' ids */
export const DEMO_LETTERS = Object.fromEntries(DRAFTS.map((d) => [d.id, `${d.villageId ?? X}:${d.id}`])) as Record<string, string>
