/**
 * Role scope (issue 10): hall staff and town officers serve a village without living in it. They read its topics,
 * proposals and comments, but are not offered 去投票 / 联署 / 我要提议 / 发表意见 / 赞 (the server refuses them);
 * they are told why instead.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import type { Me, MembershipView } from '@contract'
import { router } from './mocks/taro'
import * as api from '../../src/features/deliberation/api'
import * as accountApi from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import TopicsPage from '../../src/pages/topics'
import TopicPage from '../../src/features/deliberation/pages/topic'
import ProposalsPage from '../../src/features/deliberation/pages/proposals'
import { xinshanCommittee } from './fixtures'
import { comment, commentPage, detail, me, summary } from './mocks/deliberation-fixtures'
import { proposal } from './mocks/deliberation-committee'

jest.mock('../../src/features/deliberation/api')
jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

const STAFF_NOTE = '您是本村的服务人员，不参与表决、评论和提议'
const hallStaff: MembershipView = { ...xinshanCommittee, _id: 'v-xinshan:p9', personId: 'p9', name: '张秀英', householdId: null, relation: null, roles: ['hallStaff'], partyMember: false, hallId: 'v-xinshan:hall' }
const meStaff: Me = { person: { _id: 'p9', name: '张秀英', createdAt: 0 }, memberships: [hallStaff], requests: [], unread: 0 }
const resident: MembershipView = { ...xinshanCommittee, roles: ['resident'] }
const meResident: Me = { ...meStaff, person: { _id: 'p1', name: '林志强', createdAt: 0 }, memberships: [resident] }

function signIn(who: Me) {
  jest.mocked(accountApi).getMe.mockResolvedValue(who)
  useAccount.setState({ me: who, currentVillageId: 'v-xinshan', error: null })
}

beforeEach(() => {
  jest.clearAllMocks()
  mocked.listComments.mockResolvedValue(commentPage([comment({ likes: 2 })]))
})

test('议事 tab: an open topic I have not voted on says 去投票 to a resident, 查看 to hall staff', async () => {
  mocked.listTopics.mockResolvedValue([summary({ id: 't-open', title: '村道路灯安装', voted: false })])
  signIn(meResident)
  const { unmount } = render(<TopicsPage />)
  expect(await screen.findByText('去投票 ›')).toBeTruthy()
  expect(screen.getByText('有事提出来，大家联署后上会')).toBeTruthy()
  unmount()

  signIn(meStaff)
  render(<TopicsPage />)
  expect(await screen.findByText('村道路灯安装')).toBeTruthy()
  expect(screen.getByText('查看 ›')).toBeTruthy()
  expect(screen.queryByText('去投票 ›')).toBeNull()
  expect(screen.getByText('查看村民的提议和联署')).toBeTruthy()
})

test('a topic: hall staff read the comments and are told why they cannot comment or like; nothing is sent', async () => {
  signIn(meStaff)
  router.params = { topicId: encodeURIComponent('v-xinshan:t1') }
  mocked.getTopic.mockResolvedValue(detail({ me: me({ canVote: false, reason: STAFF_NOTE }), can: { manage: false, comment: false, why: STAFF_NOTE } }))
  render(<TopicPage />)
  expect(await screen.findByText('路灯早该装了。')).toBeTruthy()
  // the ballot card and the discussion both explain, and offer nothing
  expect(screen.getAllByText(STAFF_NOTE).length).toBe(2)
  expect(screen.queryByText('发表意见')).toBeNull()
  expect(screen.queryByText('确认投票')).toBeNull()
  expect(screen.queryByText('回复')).toBeNull()
  expect(screen.queryByText('赞 2')).toBeNull()
  fireEvent.click(screen.getByText('2 人赞'))
  expect(mocked.likeComment).not.toHaveBeenCalled()
})

test('a resident on the same topic may comment and like', async () => {
  signIn(meResident)
  router.params = { topicId: encodeURIComponent('v-xinshan:t1') }
  mocked.getTopic.mockResolvedValue(detail())
  mocked.likeComment.mockResolvedValue({ liked: true, likes: 3 })
  render(<TopicPage />)
  expect(await screen.findByText('路灯早该装了。')).toBeTruthy()
  expect(screen.getByText('发表意见')).toBeTruthy()
  fireEvent.click(screen.getByText('赞 2'))
  expect(await screen.findByText('已赞 3')).toBeTruthy()
  expect(mocked.likeComment).toHaveBeenCalledWith('v-xinshan', 'c1')
})

test('村民提议: hall staff see the proposals and their progress, but neither 我要提议 nor 联署', async () => {
  signIn(meStaff)
  mocked.listProposals.mockResolvedValue([proposal()])
  render(<ProposalsPage />)
  expect(await screen.findByText('修缮村口老榕树下的凉亭')).toBeTruthy()
  expect(screen.getByText('已有 2/5 人联署')).toBeTruthy()
  expect(screen.getByText(STAFF_NOTE)).toBeTruthy()
  expect(screen.queryByText('＋ 我要提议')).toBeNull()
  expect(screen.queryByText('联署')).toBeNull()
  expect(mocked.cosignProposal).not.toHaveBeenCalled()
})
