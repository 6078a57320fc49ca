import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/reports/api'
import { useAccount } from '../../src/features/account/store'
import FiguresPage from '../../src/features/reports/pages/figures'
import MapPage from '../../src/features/reports/pages/map'
import QueuePage from '../../src/features/reports/pages/queue'
import SettingsPage from '../../src/features/reports/pages/settings'
import { ReportsHomeCard } from '../../src/features/reports/tab-cards'
import type { ReportFigures } from '@contract'
import { router } from './mocks/taro'
import { committee, gridWorker, meAs, reportMap, resident, settings, summary, townOfficer, V } from './mocks/reports-fixtures'

jest.mock('../../src/features/reports/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)
const HOUR = 3_600_000
const detailUrl = (id: string) => `/features/reports/pages/detail/index?villageId=${V}&reportId=${encodeURIComponent(id)}`

const figures = (over: Partial<ReportFigures> = {}): ReportFigures => ({
  total: 12,
  open: 5,
  overdue: 2,
  byStatus: { reported: 2, accepted: 1, inProgress: 2, resolved: 1, confirmed: 5, rejected: 1 },
  byCategory: [{ category: '环境卫生', total: 7, open: 3, overdue: 1 }],
  avgAcceptHours: 5.25,
  avgResolveDays: 2.5,
  satisfaction: { count: 4, average: 4.5 },
  ...over,
})

const as = (m: typeof resident) => useAccount.setState({ me: meAs(m), currentVillageId: V, error: null })

beforeEach(() => {
  jest.clearAllMocks()
  router.params = { villageId: V }
  as(gridWorker)
})

describe('问题办理 (the queue)', () => {
  test('each tab asks for its filter; rows open their report; residents are turned away', async () => {
    mocked.getQueue.mockImplementation(async (_v, filter) =>
      filter === 'overdue' ? [summary({ id: `${V}:r2`, excerpt: '新村路路灯坏了三盏', due: { kind: 'resolve', at: Date.now() - 50 * HOUR, overdue: true } })] : [summary()],
    )
    render(<QueuePage />)
    expect(await screen.findByText('东一巷口有人倒建筑垃圾，堵了半条路')).toBeTruthy()
    expect(mocked.getQueue).toHaveBeenCalledWith(V, 'open')
    fireEvent.click(screen.getByText('已逾期'))
    expect(await screen.findByText('新村路路灯坏了三盏')).toBeTruthy()
    expect(mocked.getQueue).toHaveBeenLastCalledWith(V, 'overdue')
    expect(screen.getByText('办结期限：已逾期2天')).toBeTruthy()
    fireEvent.click(screen.getByText('新村路路灯坏了三盏'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: detailUrl(`${V}:r2`) })
  })

  test('opens on the tab its link names, and says when it is empty', async () => {
    router.params = { villageId: V, filter: 'town' }
    mocked.getQueue.mockResolvedValue([])
    render(<QueuePage />)
    expect(await screen.findByText('没有转到镇街的问题')).toBeTruthy()
    expect(mocked.getQueue).toHaveBeenCalledWith(V, 'town')
  })

  test('a resident is told who the page is for, and nothing is loaded', async () => {
    as(resident)
    render(<QueuePage />)
    expect(await screen.findByText('只有网格员、村委会和镇街干部可以办理村民上报的问题')).toBeTruthy()
    expect(mocked.getQueue).not.toHaveBeenCalled()
  })
})

describe('民情地图 in the browser', () => {
  test('the grids, the halls and each report drawn on the SVG (overdue red); a marker opens its report; the list by grid', async () => {
    mocked.getMap.mockResolvedValue(reportMap)
    render(<MapPage />)
    const svg = await screen.findByRole('img', { name: '网格示意图' })
    expect(svg.querySelectorAll('polygon')).toHaveLength(2)
    expect(svg.querySelectorAll('rect')).toHaveLength(1)
    const circles = Array.from(svg.querySelectorAll('circle'))
    expect(circles.map((c) => c.getAttribute('fill'))).toEqual(['#e08a00', '#c62828'])
    expect(within(svg).getByText('逾期')).toBeTruthy()
    // 第一网格 lies west of 第二网格: its report is drawn left of the other
    expect(Number(circles[0].getAttribute('cx'))).toBeLessThan(Number(circles[1].getAttribute('cx')))
    fireEvent.click(within(svg).getByRole('button', { name: '道路设施 逾期' }))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: detailUrl(`${V}:r2`) })
    expect(screen.getByText('第一网格（1）')).toBeTruthy()
    expect(screen.getByText('第二网格（1）')).toBeTruthy()
    expect(screen.getByText('新村路路灯坏了三盏')).toBeTruthy()
    expect(screen.getByText('共 2 处问题标在图上（未办结的，及近30天办结的）')).toBeTruthy()
  })

  test('a village with more reports than the map shows says which ones it shows', async () => {
    mocked.getMap.mockResolvedValue({ ...reportMap, capped: { open: 200, closed: 100 } })
    render(<MapPage />)
    expect(await screen.findByText('问题较多，仅显示最近上报的200件未办结问题和近30天最近办结的100件，共 2 处标在图上')).toBeTruthy()
  })
})

describe('办理情况统计', () => {
  test('the village’s figures, and for a town officer every village and the overdue list, with the town CSV', async () => {
    as(townOfficer)
    mocked.getFigures.mockResolvedValue(figures())
    mocked.getTown.mockResolvedValue({
      townId: 'lianan',
      townName: '联安镇',
      villages: [
        { villageId: V, name: '新山村', figures: figures() },
        { villageId: 'v-dongwei', name: '东尾村', figures: figures({ total: 3, open: 1, overdue: 1, satisfaction: { count: 0, average: null } }) },
      ],
      overdue: [{ ...summary({ id: 'v-dongwei:r4', excerpt: '村口桥栏杆松动' }), villageId: 'v-dongwei', villageName: '东尾村' }],
    })
    mocked.exportReportsCsv.mockResolvedValue({ filename: 'reports.csv', content: '\ufeff编号', rows: 3, next: null })
    render(<FiguresPage />)
    expect(await screen.findByText('5.3小时')).toBeTruthy()
    expect(screen.getByText('2.5天')).toBeTruthy()
    expect(screen.getAllByText('4.5星（4人评价）').length).toBeGreaterThan(0)
    expect(await screen.findByText('共3 · 未办结1 · 逾期1 · 暂无评价')).toBeTruthy()
    // the title counts every overdue report of the town (新山村's and 东尾村's figures), the list shows the most overdue
    expect(screen.getByText(`联安镇 · 逾期问题（${figures().overdue + 1}）`)).toBeTruthy()
    expect(screen.getByText('仅显示逾期最久的1件')).toBeTruthy()
    fireEvent.click(screen.getByText('村口桥栏杆松动'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/features/reports/pages/detail/index?villageId=v-dongwei&reportId=v-dongwei%3Ar4' })
    fireEvent.click(screen.getByText('导出全镇的上报'))
    await waitFor(() => expect(mocked.exportReportsCsv).toHaveBeenCalledWith(V, 'town', null))
    expect(screen.queryByText('反复出现的问题')).toBeNull()
  })

  test('the committee turns a cluster into a draft topic and opens it in the editor', async () => {
    as(committee)
    mocked.getFigures.mockResolvedValue(figures())
    const reports = [summary(), summary({ id: `${V}:r5` }), summary({ id: `${V}:r6` })]
    mocked.getClusters.mockResolvedValue([{ category: '环境卫生', where: '东一巷一带', reports }])
    mocked.topicFromReports.mockResolvedValue({ topic: { _id: `${V}:t9` } } as Awaited<ReturnType<typeof api.topicFromReports>>)
    render(<FiguresPage />)
    expect(await screen.findByText('东一巷一带 · 环境卫生 · 3次')).toBeTruthy()
    expect(mocked.getTown).not.toHaveBeenCalled()
    expect(screen.queryByText('导出全镇的上报')).toBeNull()
    fireEvent.click(screen.getByText('转为议题'))
    await waitFor(() => expect(mocked.topicFromReports).toHaveBeenCalledWith(V, [`${V}:r1`, `${V}:r5`, `${V}:r6`], '东一巷一带环境卫生问题整治', expect.stringContaining('村民已上报3次')))
    await waitFor(() => expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/features/deliberation/pages/edit/index?topicId=${encodeURIComponent(`${V}:t9`)}` }))
  })
})

describe('问题类别与时限', () => {
  test('the committee removes a category, adds one, is stopped by a bad deadline, then saves numbers', async () => {
    as(committee)
    mocked.getSettings.mockResolvedValue(settings)
    mocked.saveSettings.mockImplementation(async (input) => ({ ...settings, categories: input.categories, autoConfirmDays: input.autoConfirmDays }))
    render(<SettingsPage />)
    fireEvent.click(await screen.findByText('删除「道路设施」'))
    fireEvent.click(screen.getByText('新增类别'))
    fireEvent.change(screen.getAllByPlaceholderText('如：环境卫生')[1], { target: { value: '占道经营' } })
    const hours = screen.getAllByText('受理时限（小时）')[1].parentElement!.querySelector('input')!
    fireEvent.change(hours, { target: { value: '0' } })
    fireEvent.click(screen.getByText('保存'))
    expect(screen.getByText('受理时限为1到720小时')).toBeTruthy()
    expect(mocked.saveSettings).not.toHaveBeenCalled()
    fireEvent.change(hours, { target: { value: '12' } })
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() =>
      expect(mocked.saveSettings).toHaveBeenCalledWith({
        villageId: V,
        categories: [
          { name: '环境卫生', acceptHours: 24, resolveDays: 3 },
          { name: '占道经营', acceptHours: 12, resolveDays: 7 },
        ],
        autoConfirmDays: 7,
      }),
    )
  })

  test('others are told only the committee sets them', async () => {
    render(<SettingsPage />)
    expect(await screen.findByText('只有村委会可以设置问题类别和办理时限')).toBeTruthy()
    expect(mocked.getSettings).not.toHaveBeenCalled()
  })
})

describe('首页 card', () => {
  test('a grid worker sees the open count with the overdue ones; a resident only 随手拍', async () => {
    mocked.getQueue.mockResolvedValue([summary(), summary({ id: 'x', due: { kind: 'accept', at: 0, overdue: true } })])
    const { unmount } = render(<ReportsHomeCard membership={gridWorker} />)
    expect(await screen.findByText('2 件，逾期 1')).toBeTruthy()
    fireEvent.click(screen.getByText('我的网格待办'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/features/reports/pages/queue/index?villageId=${V}` })
    unmount()
    mocked.getQueue.mockClear()
    render(<ReportsHomeCard membership={resident} />)
    fireEvent.click(screen.getByText('上报问题'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `/features/reports/pages/report/index?villageId=${V}` })
    expect(screen.queryByText('民情地图')).toBeNull()
    expect(mocked.getQueue).not.toHaveBeenCalled()
  })
})
