/** Deliberation views for UI tests: a household-mode yes/no topic in 新山村 and its variants. */
import type { Ballot, CommentPage, CommentView, MyVote, Topic, TopicDetail, TopicSummary, Turnout } from '@contract'

const HOUR = 3_600_000
export const DAY = 24 * HOUR

export const turnout = (over: Partial<Turnout> = {}): Turnout => ({
  participants: 1,
  online: 1,
  inPerson: 0,
  eligible: 4,
  quorumNeeded: 3,
  quorumMet: false,
  percent: 25,
  ...over,
})

export function summary(over: Partial<TopicSummary> = {}): TopicSummary {
  const now = Date.now()
  return {
    id: 'v-xinshan:t1',
    title: '村道路灯安装',
    status: 'open',
    mode: 'household',
    opensAt: now - DAY,
    closesAt: now + 2 * DAY + HOUR,
    turnout: turnout(),
    voted: false,
    commentCount: 0,
    result: null,
    ...over,
  }
}

export function topic(over: Partial<Topic> = {}): Topic {
  const now = Date.now()
  return {
    _id: 'v-xinshan:t1',
    villageId: 'v-xinshan',
    title: '村道路灯安装',
    background: '东一巷到祠堂一段夜里没有灯，老人晚上出门不便。',
    photos: ['f1'],
    question: '是否同意从村集体收入中拿出 2 万元，在东一巷安装 12 盏太阳能路灯？',
    kind: 'yesno',
    options: [
      { id: 'yes', label: '赞成' },
      { id: 'no', label: '反对' },
      { id: 'abstain', label: '弃权', abstain: true },
    ],
    maxChoices: 1,
    mode: 'household',
    results: 'live',
    opensAt: now - DAY,
    closesAt: now + 2 * DAY,
    status: 'open',
    proposalId: null,
    eligibleCount: 4,
    createdBy: 'p1',
    createdByName: '林志强',
    createdAt: now - 2 * DAY,
    publishedAt: now - DAY,
    closedAt: null,
    decision: null,
    updates: [],
    ...over,
  }
}

export const me = (over: Partial<MyVote> = {}): MyVote => ({ canVote: true, reason: null, ballot: null, proxiesForMe: [], myProxy: null, ...over })

export function ballot(choices: string[], over: Partial<Ballot> = {}): Ballot {
  return {
    _id: 'v-xinshan:t1:v-xinshan:h1',
    villageId: 'v-xinshan',
    topicId: 'v-xinshan:t1',
    voterKey: 'v-xinshan:h1',
    personId: 'p1',
    householdId: 'v-xinshan:h1',
    gridId: null,
    choices,
    source: 'online',
    castBy: 'p1',
    castByName: '林志强',
    castAt: Date.now(),
    changes: 0,
    ...over,
  }
}

export function detail(over: Partial<TopicDetail> = {}, topicOver: Partial<Topic> = {}): TopicDetail {
  return {
    topic: topic(topicOver),
    photoUrls: { f1: 'https://example.test/f1.jpg' },
    turnout: turnout(),
    tally: [
      { optionId: 'yes', label: '赞成', votes: 1, percent: 100, carries: true },
      { optionId: 'no', label: '反对', votes: 0, percent: 0, carries: false },
      { optionId: 'abstain', label: '弃权', votes: 0, percent: 0, carries: false },
    ],
    result: null,
    me: me(),
    can: { manage: false, comment: true },
    proposal: null,
    ...over,
  }
}

export function comment(over: Partial<CommentView> = {}): CommentView {
  return {
    _id: 'c1',
    villageId: 'v-xinshan',
    topicId: 'v-xinshan:t1',
    parentId: null,
    authorId: 'p2',
    authorName: '林水生',
    text: '路灯早该装了。',
    stance: 'for',
    likes: 2,
    createdAt: Date.now() - HOUR,
    hidden: null,
    likedByMe: false,
    mine: false,
    replies: [],
    replyCount: over.replies?.length ?? 0,
    repliesNext: null,
    ...over,
  }
}

/** comments.list's answer: one page (the last unless `next` is given); total counts the replies too */
export function commentPage(comments: CommentView[], over: Partial<CommentPage> = {}): CommentPage {
  return { comments, total: comments.reduce((n, c) => n + 1 + c.replyCount, 0), next: null, ...over }
}
