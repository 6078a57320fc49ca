/** The deliberation feature's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { InputOf } from '@contract'

export const listTopics = (villageId: string, status?: InputOf<'topics.list'>['status'], after: string | null = null) => call('topics.list', { villageId, status, after })
export const getTopic = (villageId: string, topicId: string) => call('topics.get', { villageId, topicId })
export const saveTopic = (input: InputOf<'topics.save'>) => call('topics.save', input)
export const publishTopic = (villageId: string, topicId: string) => call('topics.publish', { villageId, topicId })
export const discardTopic = (villageId: string, topicId: string) => call('topics.discard', { villageId, topicId })
export const decideTopic = (villageId: string, topicId: string, decision: string) => call('topics.decide', { villageId, topicId, decision })
export const addTopicUpdate = (input: InputOf<'topics.addUpdate'>) => call('topics.addUpdate', input)
export const remindNonVoters = (villageId: string, topicId: string) => call('topics.remind', { villageId, topicId })
export const getTurnoutByGrid = (villageId: string, topicId: string) => call('topics.turnoutByGrid', { villageId, topicId })
export const getTopicRoll = (villageId: string, topicId: string) => call('topics.roll', { villageId, topicId })
export const amendTopicRoll = (input: InputOf<'topics.amendRoll'>) => call('topics.amendRoll', input)
export const getTopicCount = (villageId: string, topicId: string) => call('topics.count', { villageId, topicId })
export const exportTopicCsv = (villageId: string, topicId: string, kind: 'tally' | 'turnout', after: string | null = null) => call('topics.exportCsv', { villageId, topicId, kind, after })

export const castBallot = (input: InputOf<'ballots.cast'>) => call('ballots.cast', input)
export const recordInPersonBallot = (input: InputOf<'ballots.recordInPerson'>) => call('ballots.recordInPerson', input)
export const objectToBallot = (villageId: string, topicId: string, reason: string) => call('ballots.object', { villageId, topicId, reason })
/** a page of the roll with who has voted (after: the last page's next), or with q the voters of that exact name or doorplate */
export const listVoters = (villageId: string, topicId: string, page?: { after?: string | null; q?: string }) => call('ballots.voters', { villageId, topicId, ...page })
export const grantProxy = (villageId: string, topicId: string, proxyPersonId: string) => call('proxies.grant', { villageId, topicId, proxyPersonId })
export const revokeProxy = (villageId: string, topicId: string) => call('proxies.revoke', { villageId, topicId })
export const listProxyCandidates = (villageId: string, topicId: string) => call('proxies.candidates', { villageId, topicId })

export const listProposals = (villageId: string) => call('proposals.list', { villageId })
export const createProposal = (input: InputOf<'proposals.create'>) => call('proposals.create', input)
export const cosignProposal = (villageId: string, proposalId: string) => call('proposals.cosign', { villageId, proposalId })

/** a page of a topic's comments, oldest first (after: the last page's next); with parentId, a page of that comment's replies */
export const listComments = (villageId: string, topicId: string, page: { after?: string | null; parentId?: string | null } = {}) => call('comments.list', { villageId, topicId, ...page })
export const getTopicVillage = (topicId: string) => call('topics.villageOf', { topicId })
export const createComment = (input: InputOf<'comments.create'>) => call('comments.create', input)
export const likeComment = (villageId: string, commentId: string) => call('comments.like', { villageId, commentId })
export const hideComment = (villageId: string, commentId: string, reason: string) => call('comments.hide', { villageId, commentId, reason })
