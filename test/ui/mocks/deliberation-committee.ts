/** Deliberation views for the committee pages' UI tests (发布议题, 现场表决登记, 议题管理, 村民提议). */
import type { ProposalView, Topic, TopicDetail, Turnout, VoterPage, VoterRow } from '@contract'
import * as base from './deliberation-fixtures'

export const DAY = base.DAY
/** 2026-11-26 15:53 in Beijing */
export const NOW = Date.UTC(2026, 10, 26, 7, 53)

/** the shared fixtures, with the committee pages' numbers: 10 households, 2 online and 1 at the meeting */
export const turnout = (over: Partial<Turnout> = {}): Turnout =>
  base.turnout({ participants: 3, online: 2, inPerson: 1, eligible: 10, quorumNeeded: 6, percent: 30, ...over })

export const topic = (over: Partial<Topic> = {}): Topic =>
  base.topic({
    title: '村东道路硬化方案',
    background: '村东道路雨天泥泞，村集体收入可以承担一半费用。',
    photos: [],
    question: '是否同意用村集体收入硬化村东道路？',
    opensAt: NOW - DAY,
    closesAt: NOW + 2 * DAY,
    eligibleCount: 10,
    createdAt: NOW - 2 * DAY,
    publishedAt: NOW - DAY,
    ...over,
  })

export const detail = (t: Partial<Topic> = {}, over: Partial<TopicDetail> = {}): TopicDetail =>
  base.detail(
    {
      topic: topic(t),
      photoUrls: {},
      turnout: turnout(),
      tally: [
        { optionId: 'yes', label: '赞成', votes: 2, percent: 67, carries: true },
        { optionId: 'no', label: '反对', votes: 1, percent: 33, carries: false },
        { optionId: 'abstain', label: '弃权', votes: 0, percent: 0, carries: false },
      ],
      can: { manage: true, comment: true },
      ...over,
    },
  )

export const proposal = (over: Partial<ProposalView> = {}): ProposalView => ({
  _id: 'v-xinshan:pr1',
  villageId: 'v-xinshan',
  title: '修缮村口老榕树下的凉亭',
  background: '凉亭的瓦片漏雨，老人们在树下议事、乘凉都不方便。',
  proposerId: 'p7',
  proposerName: '林水生',
  needed: 5,
  cosigns: 2,
  status: 'collecting',
  topicId: null,
  createdAt: NOW - DAY,
  acceptedAt: null,
  cosignedByMe: false,
  mine: false,
  ...over,
})

/** ballots.voters' answer: these rows, the next page's cursor, and the roll's figures (counted from the rows unless given) */
export function voterPage(voters: VoterRow[], next: string | null = null, counts?: VoterPage['counts']): VoterPage {
  return { voters, next, counts: counts ?? { eligible: voters.length, voted: voters.filter((v) => v.voted).length, meeting: voters.filter((v) => v.source === 'meeting').length } }
}
