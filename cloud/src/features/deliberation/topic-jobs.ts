/**
 * The batched jobs a topic carries in one of its fields (the roll being written: rollJob; the count being built:
 * countJob; a reminder being told: remindJob): a step writes one batch and answers the topic after it, or null when another run took that step first.
 */
import type { Ports } from '../../ports/ports'
import type { Topic } from './documents'

export type TopicJobField = 'rollJob' | 'countJob' | 'remindJob'
export type TopicJobStep = (ports: Ports, t: Topic, now: number) => Promise<Topic | null>

/** Up to `steps` steps of the topic's job; the topic as it is then. */
export async function advanceTopicJob(ports: Ports, t: Topic, now: number, steps: number, field: TopicJobField, step: TopicJobStep): Promise<Topic> {
  let cur: Topic | null = t
  for (let i = 0; i < steps && cur?.[field]; i++) cur = (await step(ports, cur, now)) ?? (await ports.store.get('topics', t._id))
  return cur ?? t
}

/** The time-driven job's step: the topics whose job is under way, oldest first, `perRun` steps a run in all. Returns the steps taken. */
export async function runTopicJobs(ports: Ports, now: number, field: TopicJobField, step: TopicJobStep, perRun: number): Promise<number> {
  const pending = await ports.store.find('topics', { [`${field}.startedAt`]: { $gt: 0 } }, { sort: [[`${field}.startedAt`, 'asc']], limit: perRun })
  let steps = 0
  for (const t of pending) {
    let cur: Topic | null = t
    while (cur?.[field] && steps < perRun) {
      steps++
      cur = await step(ports, cur, now)
    }
    if (steps >= perRun) break
  }
  return steps
}
