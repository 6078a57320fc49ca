/**
 * The meeting (榕树下议事): the committee records ballots cast in person, voter by voter. Never
 * silently: each voter is told what was recorded in their name (with their receipt), may object before
 * the close, and a correction needs a reason, keeps the old entry in the ballot's history and is audited.
 */
import type { meetingActions } from './contract'
import type { Ballot, Topic } from './documents'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { notify, notifyCommittee } from '../account/common'
import { audit } from '../../common/audit'
import { checkText } from '../../common/content'
import { shortTime } from '../../common/time'
import { ballotDoc, checkChoices, labelsOf, openTopic, voterOf, writeBallot } from './ballots'
import { PAGES } from './data'
import { ballotId } from './policy'
import { wordsOf } from '../account/common'

const NEEDS_REASON = '更正现场表决请写明理由（至少两个字）'

/**
 * Writes a meeting ballot: the first record inserts it; a later one corrects it, only a meeting
 * ballot, only with a reason, keeping what it replaced. `blockedBy` when the voter voted on the phone.
 */
function recordMeetingBallot(ctx: MemberContext, t: Topic, doc: Ballot, reason: string | null): Promise<{ ballot: Ballot; changed: boolean } | { blockedBy: Ballot }> {
  return writeBallot(ctx.ports.store, t, doc, (cur) => {
    if (cur.source !== 'meeting') return null
    if (!reason) throw new ApiError('BAD_INPUT', NEEDS_REASON, { reason: NEEDS_REASON })
    const history = [...(cur.history ?? []), { choices: cur.choices, castByName: cur.castByName, castAt: cur.castAt, reason }]
    return { choices: doc.choices, castBy: doc.castBy, castByName: doc.castByName, castAt: doc.castAt, history, objection: null }
  })
}

export const meetingHandlers: Handlers<typeof meetingActions> = {
  'ballots.recordInPerson': {
    access: ACCESS.committee,
    async handle({ villageId, topicId, voterPersonId, choices, reason }, ctx) {
      const { store } = ctx.ports
      const t = await openTopic(ctx, villageId, topicId, '投票已截止，不能再录入现场表决')
      checkChoices(t, choices)
      const m = await store.get('memberships', `${villageId}:${voterPersonId}`)
      if (!m) {
        const { people, here } = await wordsOf(ctx, villageId)
        throw new ApiError('NOT_FOUND', `该${people}不是${here}成员`)
      }
      const voter = await voterOf(ctx, t, m)
      const why = reason && reason.length >= 2 ? reason : null
      // the voter is told the reason (and the meeting page shows it)
      await checkText(ctx, { reason: why })
      // the committee may correct what it recorded at the meeting, with a reason; a ballot cast on the phone stays
      const put = await recordMeetingBallot(ctx, t, ballotDoc(t, voter, choices, 'meeting', ctx), why)
      if ('blockedBy' in put) {
        const b = put.blockedBy
        const who = t.mode === 'household' ? `${voter.doorplate ?? voter.name}已由${b.source === 'proxy' ? '代投人' : '户代表'}` : `${voter.name}已${b.source === 'proxy' ? '由代投人' : ''}`
        throw new ApiError('DUPLICATE', `${who}在手机上投票（${shortTime(b.castAt)}），每${t.mode === 'household' ? '户' : '人'}只有一票，不能再录入现场表决`)
      }
      const label = `${t.title}：${voter.name}${voter.doorplate ? `（${voter.doorplate}）` : ''}`
      await audit(ctx, 'ballots.recordInPerson', { type: 'ballot', id: put.ballot._id, label }, put.changed ? `更正现场表决：${why}` : null)
      const whose = t.mode === 'household' ? '您家' : '您'
      const { committee } = await wordsOf(ctx, villageId)
      const body = put.changed
        ? `${committee}${ctx.membership.name}更正了${whose}在「${t.title}」现场会议上的表决：${labelsOf(t, choices)}，理由：${why}。回执码 ${put.ballot.receipt}。`
        : `${committee}${ctx.membership.name}已登记${whose}在「${t.title}」现场会议上的表决：${labelsOf(t, choices)}。回执码 ${put.ballot.receipt}。如有异议，请在投票截止前在议题页提出。`
      await notify(ctx, { personId: voter.personId, villageId }, put.changed ? '现场表决已更正' : '现场表决已登记', body, PAGES.topic(topicId))
      return put.ballot
    },
  },

  'ballots.object': {
    access: ACCESS.member,
    async handle({ villageId, topicId, reason }, ctx) {
      const { store } = ctx.ports
      const t = await openTopic(ctx, villageId, topicId, '投票已截止，不能再提出异议')
      const voter = await voterOf(ctx, t, ctx.membership)
      const id = ballotId(topicId, voter.key)
      const ballot = await store.get('ballots', id)
      if (!ballot || ballot.source !== 'meeting') throw new ApiError('CONFLICT', '没有以您的名义登记的现场表决，无需提出异议')
      await checkText(ctx, { reason })
      const objection = { reason, at: ctx.now }
      if (!(await store.update('ballots', { _id: id, source: 'meeting' }, { set: { objection } }))) throw new ApiError('CONFLICT')
      await notifyCommittee(ctx, villageId, '村民对现场表决登记有异议', `${ctx.membership.name}对「${t.title}」的现场表决登记（${labelsOf(t, ballot.choices)}）提出异议：${reason}`, PAGES.meeting(topicId))
      return { ...ballot, objection }
    },
  },
}
