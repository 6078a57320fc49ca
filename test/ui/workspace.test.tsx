/**
 * The workspaces as their people use them: 黄伟明's grids (who has not agreed or voted, the last visit, his queue),
 * 记录走访 (errors that clear as fixed, the server's field errors, the household's history), 蔡国华's town, and the
 * 服务 tab's way in for each role (张秀英's day landing on today's list).
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { GridHousehold, GridHouseholdPage, GridWorkspace, TownWorkspace, VisitView } from '@contract'
import * as api from '../../src/features/workspace/api'
import { useAccount } from '../../src/features/account/store'
import { CallError } from '../../src/shared/api/call'
import GridPage from '../../src/features/workspace/pages/grid'
import VisitPage from '../../src/features/workspace/pages/visit'
import TownPage from '../../src/features/workspace/pages/town'
import { WorkspaceCards } from '../../src/features/workspace/tab-cards'
import { router } from './mocks/taro'
import { gridWorker, meAs, resident, townOfficer, V } from './mocks/reports-fixtures'

jest.mock('../../src/features/workspace/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)
const hallStaff = { ...resident, _id: `${V}:p_zhangxiuying`, personId: 'p_zhangxiuying', name: '张秀英', roles: ['hallStaff' as const], householdId: null, hallId: `${V}:hall` }
const LIN = `${V}:新山村东一巷12号`
const WU = `${V}:新山村东一巷30号`
const NOTE = '见到了谁、反映了什么、帮着办了什么（至少4个字）'
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

const household = (over: Partial<GridHousehold> = {}): GridHousehold => ({ id: LIN, doorplate: '新山村东一巷12号', headName: '林水生', residents: 3, notAgreed: ['林俊'], notVoted: [{ topicId: `${V}:t2`, title: '村集体鱼塘承包方案', names: ['林水生'] }], lastVisit: { date: '2026-11-23', visitorName: '黄伟明' }, ...over })
const visit = (over: Partial<VisitView> = {}): VisitView => ({ id: `${V}:visit-lin`, householdId: LIN, doorplate: '新山村东一巷12号', gridName: '第一网格', date: '2026-11-23', note: '了解鱼塘承包方案的意见', photos: [], photoUrls: {}, visitorName: '黄伟明', createdAt: 0, mine: true, ...over })
const workspace = (over: Partial<GridWorkspace> = {}): GridWorkspace => ({
  villageName: '新山村',
  rulesVersion: 1,
  openTopics: [{ id: `${V}:t2`, title: '村集体鱼塘承包方案', mode: 'household', closesAt: Date.now() + 86_400_000, participants: 4, eligible: 8, quorumNeeded: 6 }],
  grids: [
    { id: `${V}:g1`, name: '第一网格', households: 2, reports: { open: 5, overdue: 1 } },
  ],
  visits: [visit()],
  ...over,
})
const WU_ROW = household({ id: WU, doorplate: '新山村东一巷30号', headName: '吴丽华', residents: 1, notAgreed: [], notVoted: [], lastVisit: null })
/** the first page of 第一网格's households */
const firstPage = (over: Partial<GridHouseholdPage> = {}): GridHouseholdPage => ({ households: [household(), WU_ROW], next: null, ...over })
/** a headline figure by its name */
const stat = (label: string, i = 0) => screen.getAllByText(label)[i].previousSibling?.textContent
const as = (m: typeof resident) => useAccount.setState({ me: meAs(m), currentVillageId: V, error: null })

beforeEach(() => {
  jest.clearAllMocks()
  router.params = { villageId: V }
  as(gridWorker)
})

describe('网格员工作', () => {
  test('each household says who has not agreed and who has not voted, and when it was last visited', async () => {
    mocked.getGridWorkspace.mockResolvedValue(workspace())
    mocked.getHouseholds.mockResolvedValue(firstPage())
    render(<GridPage />)
    expect(await screen.findByText('未承诺第1版：林俊')).toBeTruthy()
    expect(screen.getByText('未投票「村集体鱼塘承包方案」：林水生')).toBeTruthy()
    expect(screen.getByText('上次走访 11月23日（黄伟明）')).toBeTruthy()
    expect(screen.getByText('还没有走访记录')).toBeTruthy()
    expect(screen.getByText('已承诺、已投票')).toBeTruthy()
    // turnout in plain words, not 需≥6户
    expect(screen.getByText('已有 4/8 户参与，还差2户就够数了')).toBeTruthy()
    expect(stat('住户')).toBe('2')
    expect(mocked.getHouseholds).toHaveBeenCalledWith(V, { gridId: `${V}:g1` })
  })

  test('加载更多 adds the next page after the last; a failure is said and the rows read stay', async () => {
    mocked.getGridWorkspace.mockResolvedValue(workspace())
    mocked.getHouseholds.mockResolvedValueOnce(firstPage({ next: WU }))
    render(<GridPage />)
    expect(await screen.findByText('新山村东一巷30号 · 吴丽华')).toBeTruthy()
    mocked.getHouseholds.mockRejectedValueOnce(new CallError({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' }))
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('系统繁忙，请稍后再试')).toBeTruthy()
    expect(screen.getByText('新山村东一巷12号 · 林水生')).toBeTruthy()
    mocked.getHouseholds.mockResolvedValueOnce({ households: [household({ id: `${V}:新山村东二巷1号`, doorplate: '新山村东二巷1号', headName: '郑志远' })], next: null })
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('新山村东二巷1号 · 郑志远')).toBeTruthy()
    expect(mocked.getHouseholds).toHaveBeenLastCalledWith(V, { gridId: `${V}:g1`, after: WU })
    expect(screen.getByText('新山村东一巷12号 · 林水生')).toBeTruthy()
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  test('a household opens 记录走访 for it; the queue opens on its overdue reports', async () => {
    mocked.getGridWorkspace.mockResolvedValue(workspace())
    mocked.getHouseholds.mockResolvedValue(firstPage())
    render(<GridPage />)
    fireEvent.click(await screen.findByText('新山村东一巷30号 · 吴丽华'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/features/workspace/pages/visit/index?villageId=${V}&householdId=${encodeURIComponent(WU)}` })
    fireEvent.click(screen.getByText('1件已逾期'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `/features/reports/pages/queue/index?villageId=${V}&filter=overdue` })
  })

  test('no rules yet: no agreement line; no grid: told whom to ask; not a grid worker: told, nothing loaded', async () => {
    mocked.getGridWorkspace.mockResolvedValueOnce(workspace({ rulesVersion: null, grids: [{ ...workspace().grids[0], households: 1 }] }))
    mocked.getHouseholds.mockResolvedValueOnce(firstPage({ households: [household({ notAgreed: [] })] }))
    const { unmount } = render(<GridPage />)
    expect(await screen.findByText('未投票「村集体鱼塘承包方案」：林水生')).toBeTruthy()
    expect(screen.queryByText(/未承诺/)).toBeNull()
    unmount()
    mocked.getGridWorkspace.mockResolvedValueOnce(workspace({ grids: [] }))
    const second = render(<GridPage />)
    expect(await screen.findByText('您还没有负责的网格，请联系村委会分配')).toBeTruthy()
    second.unmount()
    jest.clearAllMocks()
    as(resident)
    render(<GridPage />)
    expect(await screen.findByText('网格员工作台只对本村的网格员开放')).toBeTruthy()
    expect(mocked.getGridWorkspace).not.toHaveBeenCalled()
  })
})

describe('记录走访', () => {
  test('opened for a household: its history shown; a short note is refused here, the error clears as it is fixed, then saved', async () => {
    router.params = { villageId: V, householdId: LIN }
    mocked.getHouseholds.mockResolvedValue(firstPage({ households: [household()] }))
    mocked.getVisits.mockResolvedValue([visit()])
    mocked.recordVisit.mockResolvedValue(visit({ id: 'new', date: today, note: '回访，已投票' }))
    render(<VisitPage />)
    expect(await screen.findByText('新山村东一巷12号的走访记录')).toBeTruthy()
    expect(await screen.findByText('了解鱼塘承包方案的意见')).toBeTruthy()
    expect(mocked.getVisits).toHaveBeenCalledWith(V, LIN)
    expect(mocked.getHouseholds).toHaveBeenCalledWith(V, { householdId: LIN })
    expect(screen.getByText('未投票「村集体鱼塘承包方案」：林水生')).toBeTruthy()
    fireEvent.click(screen.getByText('保存走访记录'))
    expect(await screen.findByText('走访情况至少4个字')).toBeTruthy()
    expect(mocked.recordVisit).not.toHaveBeenCalled()
    fireEvent.input(screen.getByPlaceholderText(NOTE), { target: { value: '回访，已投票' } })
    expect(screen.queryByText('走访情况至少4个字')).toBeNull()
    fireEvent.click(screen.getByText('保存走访记录'))
    await waitFor(() => expect(mocked.recordVisit).toHaveBeenCalledWith({ villageId: V, householdId: LIN, date: today, note: '回访，已投票', photos: [] }))
    await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith({ title: '已记录走访', icon: 'success' }))
    expect(mocked.getVisits).toHaveBeenCalledTimes(2)
  })

  test('no household chosen is said before sending; the server’s content check names the note, cleared as it is rewritten', async () => {
    mocked.getHouseholds.mockResolvedValue(firstPage({ households: [household()] }))
    mocked.recordVisit.mockRejectedValue(new CallError({ code: 'CONTENT_REJECTED', message: '内容不合规：含有不当用语', fields: { note: '含有不当用语' } }))
    const first = render(<VisitPage />)
    fireEvent.input(await screen.findByPlaceholderText(NOTE), { target: { value: '住户反映一些情况' } })
    fireEvent.click(screen.getByText('保存走访记录'))
    expect(await screen.findByText('请选择走访的住户')).toBeTruthy()
    expect(mocked.recordVisit).not.toHaveBeenCalled()
    expect(mocked.getVisits).not.toHaveBeenCalled()
    first.unmount()
    router.params = { villageId: V, householdId: LIN }
    render(<VisitPage />)
    fireEvent.input(await screen.findByPlaceholderText(NOTE), { target: { value: '住户反映一些情况' } })
    fireEvent.click(screen.getByText('保存走访记录'))
    expect(await screen.findByText('含有不当用语')).toBeTruthy()
    fireEvent.input(screen.getByPlaceholderText(NOTE), { target: { value: '住户反映路灯不亮' } })
    expect(screen.queryByText('含有不当用语')).toBeNull()
  })
})

describe('镇街工作台', () => {
  const town: TownWorkspace = {
    townName: '联安镇',
    date: '2026-11-26',
    villages: [
      { villageId: 'v-dongwei', name: '东尾村', kind: 'village', rules: null, topics: [], bookings: { booked: 0, checkedIn: 0, noShow: 0 }, reports: { open: 0, overdue: 0 }, letters: { waiting: 0, overdue: 0 } },
      {
        villageId: V,
        name: '新山村',
        kind: 'village',
        rules: { number: 1, agreed: 7, residents: 11, percent: 64 },
        topics: [{ id: `${V}:t1`, title: '东一巷至新村路村道硬底化', mode: 'person', closesAt: 0, participants: 6, eligible: 11, quorumNeeded: 6 }],
        bookings: { booked: 3, checkedIn: 1, noShow: 0 },
        reports: { open: 10, overdue: 3 },
        letters: { waiting: 4, overdue: 1 },
      },
    ],
  }

  test('a card per village: agreement, turnout against the quorum, today’s bookings, what is overdue', async () => {
    as(townOfficer)
    mocked.getTownWorkspace.mockResolvedValue(town)
    render(<TownPage />)
    expect(await screen.findByText('联安镇 · 2个村（社区） · 11月26日')).toBeTruthy()
    expect(screen.getByText('第1版 · 已承诺7/11人（64%）')).toBeTruthy()
    expect(screen.getByText('尚未发布')).toBeTruthy()
    expect(screen.getByText('已有 6/11 人参与，人数够了')).toBeTruthy()
    expect(screen.getByText('4件逾期')).toBeTruthy()
    expect(screen.getByText('无逾期')).toBeTruthy()
    // 东尾村 first, as the server orders them
    expect([stat('问题逾期', 0), stat('问题逾期', 1)]).toEqual(['0', '3'])
    expect(stat('已签到', 1)).toBe('1')
  })

  test('a server error offers 重试 that loads again', async () => {
    as(townOfficer)
    mocked.getTownWorkspace.mockRejectedValueOnce(new CallError({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' })).mockResolvedValueOnce(town)
    render(<TownPage />)
    fireEvent.click(await screen.findByText('重试'))
    expect(await screen.findByText('第1版 · 已承诺7/11人（64%）')).toBeTruthy()
  })
})

describe('服务 tab: each role’s way in', () => {
  test('the grid worker and the town officer find their workspace; a resident finds none', async () => {
    const { unmount } = render(<WorkspaceCards membership={gridWorker} />)
    fireEvent.click(screen.getByText('我的网格'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/features/workspace/pages/grid/index?villageId=${V}` })
    unmount()
    const officer = render(<WorkspaceCards membership={townOfficer} />)
    fireEvent.click(screen.getByText('镇街工作台'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `/features/workspace/pages/town/index?villageId=${V}` })
    officer.unmount()
    const { container } = render(<WorkspaceCards membership={resident} />)
    expect(container.textContent).toBe('')
  })

  test('the hall staff’s day: today’s counts, and today’s list a tap away', async () => {
    mocked.getHallWorkspace.mockResolvedValue({ hallId: `${V}:hall`, hallName: '新山村党群服务中心', date: today, booked: 3, checkedIn: 2, noShow: 1, waitlisted: 1, canteenTomorrow: 28 })
    render(<WorkspaceCards membership={hallStaff} />)
    expect(await screen.findByText('今日服务 · 新山村党群服务中心')).toBeTruthy()
    expect(stat('待签到')).toBe('3')
    expect(stat('未到')).toBe('1')
    fireEvent.click(screen.getByText('今日名单'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/features/booking/pages/day/index?villageId=${V}&hallId=${encodeURIComponent(`${V}:hall`)}` })
    // the kitchen's count for tomorrow, its page a tap away
    expect(screen.getByText('长者饭堂 28 份')).toBeTruthy()
    fireEvent.click(screen.getByText('明日备餐'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `/features/booking/pages/headcount/index?villageId=${V}&hallId=${encodeURIComponent(`${V}:hall`)}` })
  })
})
