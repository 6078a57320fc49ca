/**
 * 首页's first screen in one round trip: home.open brings the account and 本村概况's figures, and 待办 of the
 * village the app last acted in goes out beside it, not after it.
 */
import { act, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { HomeOpen } from '@contract'
import * as api from '../../src/features/account/api'
import { todoKey, useAccount } from '../../src/features/account/store'
import { takePrefetched, takeSettled } from '../../src/shared/api/prefetch'
import HomePage from '../../src/pages/home'
import { meWithTwoVillages } from './fixtures'

jest.mock('../../src/features/account/api')
// the other features' cards load their own things: left pending here
for (const f of ['rules', 'boards', 'reports', 'mailbox', 'affairs']) jest.mock(`../../src/features/${f}/api`)
const mocked = jest.mocked(api)

const counts = { members: 27, households: 8, grids: 3, partyMembers: 5 }
const todo = { items: [{ key: 'votes', group: 'mine' as const, label: '待投票的议题', count: 2, note: null, page: '/pages/topics/index' }] }

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: null, currentVillageId: null, figures: null, error: null, loading: false })
})

test('with a village from last time: home.open and its 待办 go out together, and the screen fills from them', async () => {
  Taro.setStorageSync('vh.currentVillage', 'v-xinshan')
  useAccount.setState({ currentVillageId: 'v-xinshan' })
  const opened = deferred<HomeOpen>()
  mocked.openHome.mockReturnValue(opened.promise)
  mocked.getTodo.mockResolvedValue(todo)
  render(<HomePage />)
  // both before the account has come back
  expect(mocked.openHome).toHaveBeenCalledWith('v-xinshan')
  expect(mocked.getTodo).toHaveBeenCalledWith('v-xinshan')
  await act(async () => opened.resolve({ me: meWithTwoVillages, villageId: 'v-xinshan', counts }))
  expect(await screen.findByText('待投票的议题')).toBeTruthy()
  expect(screen.getByText('本村概况')).toBeTruthy()
  expect(screen.getByText('27')).toBeTruthy()
  // the card took the call already made; no account.me, no village.overview of their own
  expect(mocked.getTodo).toHaveBeenCalledTimes(1)
  expect(mocked.openHome).toHaveBeenCalledTimes(1)
  expect(mocked.getMe).not.toHaveBeenCalled()
})

test('待办 whose answer is already in is settled before the account is set: the card draws it in its first render', async () => {
  useAccount.setState({ currentVillageId: 'v-xinshan' })
  mocked.openHome.mockResolvedValue({ me: meWithTwoVillages, villageId: 'v-xinshan', counts })
  // in, but a few promise steps behind the account (the browser's boot answers: both in before the app asks)
  let later: Promise<typeof todo> = Promise.resolve(todo)
  for (let i = 0; i < 10; i++) later = later.then((x) => x)
  mocked.getTodo.mockReturnValue(later)
  await useAccount.getState().load({ home: true })
  expect(useAccount.getState().me).toBe(meWithTwoVillages)
  expect(takeSettled(todoKey('v-xinshan'))).toEqual(todo)
})

test('待办 still on its way does not hold the account back', async () => {
  useAccount.setState({ currentVillageId: 'v-xinshan' })
  mocked.openHome.mockResolvedValue({ me: meWithTwoVillages, villageId: 'v-xinshan', counts })
  mocked.getTodo.mockReturnValue(new Promise(() => undefined))
  await useAccount.getState().load({ home: true })
  expect(useAccount.getState().me).toBe(meWithTwoVillages)
  expect(takeSettled(todoKey('v-xinshan'))).toBeUndefined()
  // taken, so that no later test's card finds the call that never answers
  expect(takePrefetched(todoKey('v-xinshan'))).toBeDefined()
})

test('on a first open (no village yet): home.open picks it, then 待办 follows for that village', async () => {
  Taro.setStorageSync('vh.currentVillage', '')
  mocked.openHome.mockResolvedValue({ me: meWithTwoVillages, villageId: 'v-xinshan', counts })
  mocked.getTodo.mockResolvedValue(todo)
  render(<HomePage />)
  expect(mocked.openHome).toHaveBeenCalledWith(undefined)
  expect(await screen.findByText('待投票的议题')).toBeTruthy()
  expect(mocked.getTodo).toHaveBeenCalledWith('v-xinshan')
  expect(useAccount.getState().currentVillageId).toBe('v-xinshan')
  expect(screen.getByText('27')).toBeTruthy()
})

test('when home.open fails, the page says why and 重试 asks again with the figures', async () => {
  mocked.openHome.mockRejectedValueOnce(new Error('offline'))
  mocked.openHome.mockResolvedValueOnce({ me: meWithTwoVillages, villageId: 'v-xinshan', counts })
  mocked.getTodo.mockResolvedValue(todo)
  render(<HomePage />)
  expect(await screen.findByText('出了点问题，请稍后再试')).toBeTruthy()
  await act(async () => screen.getByText('重试').click())
  expect(await screen.findByText('27')).toBeTruthy()
  expect(mocked.openHome).toHaveBeenCalledTimes(2)
})
