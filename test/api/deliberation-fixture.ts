/** Shared by the deliberation API tests: the seeded world's people and a topic put to the vote in one call. */
import type { AuditEntry, InputOf } from '../../cloud/src/contract'
import { linkPendingAudit } from '../../cloud/src/features/audit/jobs'
import { ID } from './harness'
import { buildRolls } from '../../cloud/src/features/deliberation/roll-job'
import { tellReminders } from '../../cloud/src/features/deliberation/remind-job'

import type { Api } from './harness'
export type { Api }
export const X = 'v-xinshan'
export const W = 'v-wukan'
export const HOUR = 3600 * 1000
export const DAY = 24 * HOUR

/** openids of 新山村's people (and a few others) in the demo seed */
export const P = {
  ...ID,
  // committee 林志强 (东一巷3号, rep), committee2 陈美玲; resident 林水生 (东一巷12号, rep); gridWorker 黄伟明 (grids 1 and 2)
  liguilan: 'demo-liguilan', // 林水生's wife: same household, not its representative
  linjun: 'demo-linjun', // their son
  chenjianguo: 'demo-chenjianguo', // rep of 西二巷20号
  chenxiaohong: 'demo-chenxiaohong', // his daughter
  huangdeming: 'demo-huangdeming',
  wulihua: 'demo-wulihua',
  zhengzhiyuan: 'demo-zhengzhiyuan',
  hallStaff: 'demo-zhangxiuying', // a member of 新山村, not a resident
  sunli: 'demo-sunli', // a resident of 乌坎村
} as const
/** a demo person's id: `p_` + their key (ids never carry an openid) */
export const pid = (openid: string) => `p_${openid.replace(/^demo-/, '')}`

/** 新山村 has 11 residents in 8 households, each with a representative */
export const RESIDENTS = 11
export const HOUSEHOLDS = 8

export type TopicInput = Partial<InputOf<'topics.save'>>

export function topicInput(api: Api, over: TopicInput = {}): InputOf<'topics.save'> {
  const now = api.ports.clock.now()
  return {
    villageId: X,
    title: '村道两侧种植绿化树',
    background: '村道两侧空地较多，拟种植绿化树。',
    question: '是否同意在村道两侧种植绿化树？',
    kind: 'yesno',
    mode: 'person',
    results: 'live',
    opensAt: now - HOUR,
    closesAt: now + 2 * DAY,
    ...over,
  }
}

/** A topic saved and published by 新山村's committee; returns its id. */
export async function openTopic(api: Api, over: TopicInput = {}): Promise<string> {
  const c = api.as(P.committee)
  const draft = await c.call('topics.save', topicInput(api, over))
  const opened = await c.call('topics.publish', { villageId: over.villageId ?? X, topicId: draft.topic._id })
  await writeRolls(api)
  return opened.topic._id
}

/** The roll job's runs until every opened topic's roll is written (the time-driven job does it within minutes of the opening). */
export async function writeRolls(api: Api): Promise<number> {
  let steps = 0
  for (let n; (n = await buildRolls(api.ports, api.ports.clock.now())); ) steps += n
  return steps
}

/** The reminder job's runs until every reminder is told (the time-driven job does it within minutes of the action). */
export async function tellRemindersNow(api: Api): Promise<number> {
  let steps = 0
  for (let n; (n = await tellReminders(api.ports, api.ports.clock.now())); ) steps += n
  return steps
}

/** The audit step's runs until every pending entry is linked (the time-driven job does it within a minute of the action). */
export async function linkAudits(api: Api): Promise<number> {
  let linked = 0
  for (let n; (n = await linkPendingAudit(api.ports)); ) linked += n
  return linked
}

export async function audits(api: Api, action: string, villageId = X): Promise<AuditEntry[]> {
  return (await api.ports.store.find('auditLog', { villageId })).filter((a) => a.action === action)
}

export async function notices(api: Api, openid: string, title: string) {
  return (await api.as(openid).call('notifications.list', {})).filter((n) => n.title === title)
}
