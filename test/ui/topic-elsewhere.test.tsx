/**
 * Issue 15, point 11: 孙丽 (乌坎村) opening a 新山村 topic link is told whose topic it is and offered to join that
 * village, instead of 找不到该议题 with a 重试 that can never work.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Me, MembershipView, VillageCard } from '@contract'
import { router } from './mocks/taro'
import * as api from '../../src/features/deliberation/api'
import * as accountApi from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import { CallError } from '../../src/shared/api/call'
import TopicPage from '../../src/features/deliberation/pages/topic'
import { meWithTwoVillages, xinshanCommittee } from './fixtures'

jest.mock('../../src/features/deliberation/api')
jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

const XINSHAN: VillageCard = { id: 'v-xinshan', name: '新山村', kind: 'village', place: '汕尾市 · 海丰县 · 联安镇' }
const sunli: MembershipView = {
  ...xinshanCommittee,
  _id: 'v-wukan:p_sunli',
  villageId: 'v-wukan',
  personId: 'p_sunli',
  name: '孙丽',
  roles: ['resident', 'householdRep'],
  village: { id: 'v-wukan', name: '乌坎村', kind: 'village', place: '汕尾市 · 陆丰市 · 东海街道' },
}
const meSunli: Me = { person: { _id: 'p_sunli', name: '孙丽', createdAt: 0 }, memberships: [sunli], requests: [], unread: 0 }

function signIn(me: Me, current: string) {
  jest.mocked(accountApi).getMe.mockResolvedValue(me)
  useAccount.setState({ me, currentVillageId: current, error: null })
}
beforeEach(() => jest.clearAllMocks())

test('a share card of another village says whose topic it is and offers to join it; its content is never asked for', async () => {
  signIn(meSunli, 'v-wukan')
  router.params = { topicId: encodeURIComponent('v-xinshan:t1'), villageId: 'v-xinshan' }
  mocked.getTopicVillage.mockResolvedValue(XINSHAN)
  render(<TopicPage />)
  expect(await screen.findByText('这是新山村（汕尾市 · 海丰县 · 联安镇）的议题，只有新山村的村民可以查看和参与。')).toBeTruthy()
  expect(mocked.getTopic).not.toHaveBeenCalled()
  expect(mocked.getTopicVillage).toHaveBeenCalledWith('v-xinshan:t1')
  expect(screen.queryByText('重试')).toBeNull()
  fireEvent.click(screen.getByText('申请加入新山村'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/features/account/pages/join/index?villageId=v-xinshan' })
})

test('an old link without its village, of another of my villages, opens it there', async () => {
  signIn(meWithTwoVillages, 'v-henan')
  router.params = { topicId: encodeURIComponent('v-xinshan:t1') }
  mocked.getTopic.mockRejectedValue(new CallError({ code: 'NOT_FOUND', message: '找不到该议题' }))
  mocked.getTopicVillage.mockResolvedValue(XINSHAN)
  render(<TopicPage />)
  expect(await screen.findByText('这是新山村的议题，您现在在其他村（社区）。')).toBeTruthy()
  fireEvent.click(screen.getByText('到新山村查看'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/features/deliberation/pages/topic/index?topicId=${encodeURIComponent('v-xinshan:t1')}&villageId=v-xinshan` })
})

test('a topic that does not exist is said so, without a 重试 that cannot help', async () => {
  signIn(meSunli, 'v-wukan')
  router.params = { topicId: encodeURIComponent('v-wukan:gone') }
  mocked.getTopic.mockRejectedValue(new CallError({ code: 'NOT_FOUND', message: '找不到该议题' }))
  mocked.getTopicVillage.mockRejectedValue(new CallError({ code: 'NOT_FOUND', message: '找不到该议题' }))
  render(<TopicPage />)
  expect(await screen.findByText('找不到该议题，可能已被删除或还没有发布')).toBeTruthy()
  expect(screen.queryByText('重试')).toBeNull()
})
