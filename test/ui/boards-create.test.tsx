import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/boards/api'
import { useAccount } from '../../src/features/account/store'
import CreatePage from '../../src/features/boards/pages/create'
import { CallError } from '../../src/shared/api/call'
import { henanResident, meWithTwoVillages } from './fixtures'
import { entry, NOW } from './mocks/boards-fixtures'

jest.mock('../../src/features/boards/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const households = [
  { id: 'v-xinshan:h1', doorplate: '新山村东一巷12号', gridId: null, gridName: '', headName: '林水生', rep: null, canVote: true, members: [{ personId: 'p2', name: '林水生', relation: null, roles: [] }, { personId: 'p3', name: '李桂兰', relation: null, roles: [] }] },
  { id: 'v-xinshan:h2', doorplate: '新山村西二巷20号', gridId: null, gridName: '', headName: '陈建国', rep: null, canVote: true, members: [{ personId: 'p4', name: '陈建国', relation: null, roles: [] }] },
]

beforeEach(() => {
  jest.clearAllMocks()
  jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'queueMicrotask', 'nextTick'] })
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  // the register's search on the server: 门牌号 or a member's name
  mocked.searchHouseholds.mockImplementation(async (_village, q) => households.filter((h) => h.doorplate.includes(q) || h.members.some((m) => m.name.includes(q))))
  mocked.getRanking.mockResolvedValue([{ section: '东一巷', points: 15, entries: 2 }, { section: '西二巷', points: 8, entries: 1 }])
  mocked.getCurrentRules.mockResolvedValue({
    word: '村规民约',
    version: { chapters: [{ no: 1, label: '第一章', title: '环境卫生', clauses: [{ id: 'c5', no: 5, label: '第五条', text: '生活垃圾分类投放，不乱丢乱倒。' }] }] },
  } as unknown as Awaited<ReturnType<typeof api.getCurrentRules>>)
})
afterEach(() => jest.useRealTimers())

const field = (placeholder: string) => screen.getByPlaceholderText(placeholder)
const fieldBox = (placeholder: string) => field(placeholder).closest('.vh-field') as HTMLElement
const pick = (row: string, index: number) => fireEvent.change(within(screen.getByText(row).closest('.picker') as HTMLElement).getByLabelText('picker-selector'), { target: { value: String(index) } })

describe('新建榜单条目', () => {
  test('nothing is sent while place, what or the responsible party is missing; each says so beside its field', async () => {
    render(<CreatePage />)
    fireEvent.click(await screen.findByText('发布上榜'))
    expect(await screen.findByText('请按提示补全后再提交')).toBeTruthy()
    expect(within(fieldBox('路段、巷子或门牌号')).getByText('请填写地点')).toBeTruthy()
    expect(within(fieldBox('看到了什么、做了什么')).getByText('请填写事由')).toBeTruthy()
    expect(screen.getByText('请选择责任方')).toBeTruthy()
    fireEvent.click(screen.getByText('住户'))
    fireEvent.click(screen.getByText('发布上榜'))
    expect(await screen.findByText('请选择住户')).toBeTruthy()
    expect(mocked.createEntry).not.toHaveBeenCalled()
  })

  test('黑榜: showing a person’s full name needs a reason', async () => {
    render(<CreatePage />)
    fireEvent.click(await screen.findByText('黑榜'))
    fireEvent.change(field('路段、巷子或门牌号'), { target: { value: '西二巷垃圾点' } })
    fireEvent.change(field('看到了什么、做了什么'), { target: { value: '在垃圾点外乱倒建筑垃圾。' } })
    fireEvent.click(screen.getByText('个人'))
    fireEvent.change(field('输入姓名或门牌号'), { target: { value: '西二巷' } })
    fireEvent.click(await screen.findByText('陈建国（新山村西二巷20号）'))
    expect(screen.getByText('更换')).toBeTruthy()
    fireEvent.click(screen.getByRole('switch'))
    fireEvent.click(screen.getByText('发出告知'))
    expect(await screen.findByText('显示全名须写明理由（至少2个字）')).toBeTruthy()
    expect(mocked.createEntry).not.toHaveBeenCalled()

    mocked.createEntry.mockResolvedValue(entry({ id: 'v-xinshan:e9', board: 'black', status: 'notice' }))
    fireEvent.change(field('如：屡教不改，经村民代表会议决定'), { target: { value: '屡教不改' } })
    fireEvent.click(screen.getByText('发出告知'))
    await waitFor(() =>
      expect(mocked.createEntry).toHaveBeenCalledWith(
        expect.objectContaining({ villageId: 'v-xinshan', board: 'black', place: '西二巷垃圾点', responsible: { kind: 'person', personId: 'p4' }, showNameReason: '屡教不改', reward: null, draft: false }),
      ),
    )
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/features/boards/pages/entry/index?entryId=v-xinshan%3Ae9' }))
  })

  test('红榜 for a household with a clause and a reward; the server’s field errors show beside the fields', async () => {
    mocked.createEntry.mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '积分不超过1000', fields: { points: '积分不超过1000' } }))
    render(<CreatePage />)
    fireEvent.change(await screen.findByPlaceholderText('路段、巷子或门牌号'), { target: { value: '东一巷' } })
    fireEvent.change(field('看到了什么、做了什么'), { target: { value: '门前屋后干净整洁。' } })
    fireEvent.click(await screen.findByText('东一巷'))
    fireEvent.click(screen.getByText('住户'))
    fireEvent.change(field('输入门牌号或户主姓名'), { target: { value: '林水生' } })
    fireEvent.click(await screen.findByText('新山村东一巷12号（户主 林水生）'))
    expect(mocked.searchHouseholds).toHaveBeenCalledWith('v-xinshan', '林水生')
    expect(screen.queryByText('新山村西二巷20号（户主 陈建国）')).toBeNull()
    await waitFor(() => expect(screen.getByText('选择条款 ▾')).toBeTruthy())
    pick('选择条款 ▾', 1)
    fireEvent.change(field('如：奖励洗衣液一瓶'), { target: { value: '奖励洗衣液一瓶' } })
    fireEvent.change(field('如：10'), { target: { value: '999' } })
    fireEvent.click(screen.getByText('发布上榜'))
    await waitFor(() =>
      expect(mocked.createEntry).toHaveBeenCalledWith(
        expect.objectContaining({ board: 'red', section: '东一巷', responsible: { kind: 'household', householdId: 'v-xinshan:h1' }, clauseId: 'c5', reward: '奖励洗衣液一瓶', points: 999, period: '2026-12', showNameReason: null }),
      ),
    )
    expect(await within(fieldBox('如：10')).findByText('积分不超过1000')).toBeTruthy()
  })

  test('only the committee may create entries', async () => {
    useAccount.setState({ me: { ...meWithTwoVillages, memberships: [henanResident] }, currentVillageId: 'v-henan', error: null })
    render(<CreatePage />)
    expect(await screen.findByText('只有居委会成员可以新建榜单条目')).toBeTruthy()
    expect(mocked.searchHouseholds).not.toHaveBeenCalled()
  })
})
