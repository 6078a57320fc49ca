import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/boards/api'
import { useAccount } from '../../src/features/account/store'
import BoardPage from '../../src/features/boards/pages/board'
import { CallError } from '../../src/shared/api/call'
import { meWithTwoVillages } from './fixtures'
import { router, shareAppMessage } from './mocks/taro'
import { entry, NOW, person } from './mocks/boards-fixtures'

jest.mock('../../src/features/boards/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const red = entry({ id: 'v-xinshan:e1', place: '东一巷', reward: '奖励洗衣液一瓶', points: 10 })
const black = entry({ id: 'v-xinshan:e2', board: 'black', place: '西二巷垃圾点', what: '在垃圾点外乱倒建筑垃圾。', responsible: person('陈**'), masked: true })
const blackNamed = entry({ id: 'v-xinshan:e3', board: 'black', place: '村口桥头', what: '多次在河道倾倒垃圾。', responsible: person('黄大明'), nameShownReason: '屡教不改，经村民代表会议决定实名公示' })

beforeEach(() => {
  jest.clearAllMocks()
  jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'queueMicrotask', 'nextTick'] })
  router.params = {}
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  mocked.listBoard.mockImplementation(async (_v, board, month) => ({
    board,
    month: month ?? '2026-12',
    months: ['2026-12', '2026-10'],
    entries: board === 'red' ? [red] : board === 'black' ? [black, blackNamed] : [],
  }))
})
afterEach(() => jest.useRealTimers())

const card = (text: string) => screen.getByText(text).closest('.vh-card') as HTMLElement

describe('红黑榜', () => {
  test('opens on this month’s 红榜: place, what, clause, who and the reward', async () => {
    render(<BoardPage />)
    expect(await screen.findByText('门前屋后干净整洁，主动清理巷道杂物。')).toBeTruthy()
    expect(mocked.listBoard).toHaveBeenCalledWith('v-xinshan', 'red', '2026-12')
    const c = card('门前屋后干净整洁，主动清理巷道杂物。')
    expect(within(c).getByText('对象：林水生户（新山村东一巷12号）')).toBeTruthy()
    expect(within(c).getByText('依据：村规民约第1版 第五条 生活垃圾分类投放，不乱丢乱倒。')).toBeTruthy()
    expect(within(c).getByText('奖励：奖励洗衣液一瓶')).toBeTruthy()
    expect(within(c).getByText('+10 分')).toBeTruthy()
    expect(screen.getByText('新山村2026年12月红黑榜')).toBeTruthy()
  })

  test('黑榜 shows names exactly as the server sent them: masked, or in full with the recorded reason', async () => {
    render(<BoardPage />)
    await screen.findByText('门前屋后干净整洁，主动清理巷道杂物。')
    fireEvent.click(screen.getByText('黑榜'))
    expect(await screen.findByText('在垃圾点外乱倒建筑垃圾。')).toBeTruthy()
    expect(mocked.listBoard).toHaveBeenLastCalledWith('v-xinshan', 'black', '2026-12')
    expect(within(card('在垃圾点外乱倒建筑垃圾。')).getByText('责任方：陈**（新山村东一巷12号）')).toBeTruthy()
    const named = card('多次在河道倾倒垃圾。')
    expect(within(named).getByText('责任方：黄大明（新山村东一巷12号）')).toBeTruthy()
    expect(within(named).getByText('实名公示理由：屡教不改，经村民代表会议决定实名公示')).toBeTruthy()
    expect(screen.queryByText('门前屋后干净整洁，主动清理巷道杂物。')).toBeNull()
  })

  test('an empty board says so; an earlier month is picked from the months with entries', async () => {
    render(<BoardPage />)
    await screen.findByText('门前屋后干净整洁，主动清理巷道杂物。')
    fireEvent.click(screen.getByText('善行义举榜'))
    expect(await screen.findByText('本月的善行义举榜还没有公示的条目')).toBeTruthy()
    // the picker offers 本月 and 2026年10月 (index 1)
    fireEvent.change(screen.getByLabelText('picker-selector'), { target: { value: '1' } })
    await waitFor(() => expect(mocked.listBoard).toHaveBeenLastCalledWith('v-xinshan', 'good', '2026-10'))
    expect(await screen.findByText('2026年10月的善行义举榜还没有公示的条目')).toBeTruthy()
  })

  test('the share card names the village, the month and the board', async () => {
    router.params = { board: 'good', month: '2026-10' }
    render(<BoardPage />)
    await waitFor(() => expect(mocked.listBoard).toHaveBeenCalledWith('v-xinshan', 'good', '2026-10'))
    expect(shareAppMessage()).toEqual({ title: '新山村2026年10月善行义举榜', path: '/features/boards/pages/board/index?board=good&month=2026-10' })
  })

  test('a failed load says why and retries', async () => {
    mocked.listBoard.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不太好，请稍后重试' }))
    render(<BoardPage />)
    expect(await screen.findByText('网络不太好，请稍后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('门前屋后干净整洁，主动清理巷道杂物。')).toBeTruthy()
  })

  test('the committee finds 榜单管理; an entry opens its page', async () => {
    render(<BoardPage />)
    fireEvent.click(await screen.findByText('东一巷 ›'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/features/boards/pages/entry/index?entryId=v-xinshan%3Ae1' })
    fireEvent.click(screen.getByText('榜单管理'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/features/boards/pages/manage/index' })
  })
})
