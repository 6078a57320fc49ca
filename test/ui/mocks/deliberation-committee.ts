/** Deliberation views for the committee pages' UI tests (发布议题, 现场表决登记, 议题管理, 村民提议). */
import type { ProposalView, Topic, TopicDetail, Turnout } from '../../../cloud/src/contract'

export const DAY = 24 * 3600 * 1000
/** 2026-11-26 15:53 in Beijing */
export const NOW = Date.UTC(2026, 10, 26, 7, 53)

export const turnout = (over: Partial<Turnout> = {}): Turnout => ({
  participants: 3,
  online: 2,
  inPerson: 1,
  eligible: 10,
  quorumNeeded: 6,
  quorumMet: false,
  percent: 30,
  ...over,
})

export const topic = (over: Partial<Topic> = {}): Topic => ({
  _id: 'v-xinshan:t1',
  villageId: 'v-xinshan',
  title: '村东道路硬化方案',
  background: '村东道路雨天泥泞，村集体收入可以承担一半费用。',
  photos: [],
  question: '是否同意用村集体收入硬化村东道路？',
  kind: 'yesno',
  options: [
    { id: 'yes', label: '赞成' },
    { id: 'no', label: '反对' },
    { id: 'abstain', label: '弃权', abstain: true },
  ],
  maxChoices: 1,
  mode: 'household',
  results: 'live',
  opensAt: NOW - DAY,
  closesAt: NOW + 2 * DAY,
  status: 'open',
  proposalId: null,
  eligibleCount: 10,
  createdBy: 'p1',
  createdByName: '林志强',
  createdAt: NOW - 2 * DAY,
  publishedAt: NOW - DAY,
  closedAt: null,
  decision: null,
  updates: [],
  ...over,
})

export const detail = (t: Partial<Topic> = {}, over: Partial<TopicDetail> = {}): TopicDetail => ({
  topic: topic(t),
  photoUrls: {},
  turnout: turnout(),
  tally: [
    { optionId: 'yes', label: '赞成', votes: 2, percent: 67, carries: true },
    { optionId: 'no', label: '反对', votes: 1, percent: 33, carries: false },
    { optionId: 'abstain', label: '弃权', votes: 0, percent: 0, carries: false },
  ],
  result: null,
  me: { canVote: true, reason: null, ballot: null, proxiesForMe: [], myProxy: null },
  can: { manage: true, comment: true },
  proposal: null,
  ...over,
})

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
