import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/reports/api'
import { useAccount } from '../../src/features/account/store'
import ReportPage from '../../src/features/reports/pages/report'
import { CallError } from '../../src/shared/api/call'
import { flushOutbox, useOutbox } from '../../src/shared/api/outbox'
import { router } from './mocks/taro'
import { meAs, resident, settings, summary, V, view } from './mocks/reports-fixtures'

jest.mock('../../src/features/reports/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)
const storage = (Taro as unknown as { __storage: Map<string, unknown> }).__storage

beforeEach(() => {
  jest.clearAllMocks()
  storage.clear()
  useOutbox.setState({ kept: [], failed: null })
  router.params = { villageId: V }
  useAccount.setState({ me: meAs(resident), currentVillageId: V, error: null })
  mocked.getSettings.mockResolvedValue(settings)
  mocked.getNearby.mockResolvedValue([])
  mocked.createReport.mockResolvedValue(view({ id: `${V}:r9`, mine: true }))
})

const type = (placeholder: RegExp, value: string) => fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } })
async function fill() {
  fireEvent.click(await screen.findByText('环境卫生'))
  type(/说说看到了什么问题/, '东一巷口有人倒建筑垃圾')
  type(/东一巷12号旁/, '东一巷口')
}

describe('随手拍', () => {
  test('nothing is sent until a category, a description of 5 characters and a place are given', async () => {
    render(<ReportPage />)
    await screen.findByText('环境卫生')
    type(/说说看到了什么问题/, '有垃圾')
    fireEvent.click(screen.getByText('提交'))
    expect(screen.getByText('请选择问题类别')).toBeTruthy()
    expect(screen.getByText('问题描述至少5个字')).toBeTruthy()
    expect(screen.getByText('请填写问题地点')).toBeTruthy()
    expect(screen.getByText('请先改正标红的地方')).toBeTruthy()
    expect(mocked.getNearby).not.toHaveBeenCalled()
    expect(mocked.createReport).not.toHaveBeenCalled()
  })

  test('open reports of the category nearby come first: 同问 on one instead of a duplicate, the draft gone', async () => {
    mocked.getNearby.mockResolvedValue([summary({ metoo: 2 })])
    mocked.meToo.mockResolvedValue(view({ metoo: 3, metooByMe: true }))
    render(<ReportPage />)
    await fill()
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('附近已有同类问题')).toBeTruthy()
    expect(mocked.getNearby).toHaveBeenCalledWith(V, '环境卫生', null)
    expect(screen.getByText(/2人同问/)).toBeTruthy()
    expect(mocked.createReport).not.toHaveBeenCalled()
    fireEvent.click(screen.getByText('同问'))
    await waitFor(() => expect(mocked.meToo).toHaveBeenCalledWith(V, `${V}:r1`))
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: `/features/reports/pages/detail/index?villageId=${V}&reportId=${encodeURIComponent(`${V}:r1`)}` }))
    expect(mocked.createReport).not.toHaveBeenCalled()
    expect(storage.get(`vh.reportDraft.${V}`)).toBe('')
  })

  test('仍要上报 files it as written, anonymous when asked, and opens it', async () => {
    mocked.getNearby.mockResolvedValue([summary()])
    render(<ReportPage />)
    await fill()
    fireEvent.click(screen.getByRole('switch'))
    fireEvent.click(screen.getByText('提交'))
    fireEvent.click(await screen.findByText('不是同一件事，仍要上报'))
    await waitFor(() =>
      expect(mocked.createReport).toHaveBeenCalledWith({ villageId: V, category: '环境卫生', text: '东一巷口有人倒建筑垃圾', photos: [], place: { address: '东一巷口', point: null }, anonymous: true }),
    )
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: expect.stringContaining(encodeURIComponent(`${V}:r9`)) }))
  })

  test('written without a network, the report is kept on the phone and sent when the network returns (issue 15, point 12)', async () => {
    mocked.getNearby.mockRejectedValue(new CallError({ code: 'NETWORK' }))
    mocked.createReport.mockRejectedValue(new CallError({ code: 'NETWORK' }))
    render(<ReportPage />)
    await fill()
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('已保存，联网后自动发送。发送后会通知网格员，可在“我的随手拍”查看。')).toBeTruthy()
    expect(taro.redirectTo).not.toHaveBeenCalled()
    expect((screen.getByPlaceholderText(/说说看到了什么问题/) as HTMLTextAreaElement).value).toBe('')
    expect(useOutbox.getState().kept).toEqual([
      expect.objectContaining({ action: 'reports.create', label: '随手拍「环境卫生」', input: expect.objectContaining({ villageId: V, text: '东一巷口有人倒建筑垃圾' }) }),
    ])

    // the network is back: it goes by itself, and the person is told
    const fetchMock = jest.fn(async () => ({ json: async () => ({ ok: true, data: view({ id: `${V}:r9` }) }) }))
    ;(globalThis as { fetch?: unknown }).fetch = fetchMock
    await act(() => flushOutbox())
    expect(fetchMock).toHaveBeenCalledWith('/api/reports.create', expect.objectContaining({ body: expect.stringContaining('东一巷口有人倒建筑垃圾') }))
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已发送随手拍「环境卫生」', icon: 'none' })
    expect(useOutbox.getState().kept).toEqual([])
  })

  test('what was typed is kept on the phone: opening the page again brings it back', async () => {
    const first = render(<ReportPage />)
    await fill()
    first.unmount()

    render(<ReportPage />)
    expect(await screen.findByText('已恢复您上次没有提交的内容')).toBeTruthy()
    expect((screen.getByPlaceholderText(/说说看到了什么问题/) as HTMLTextAreaElement).value).toBe('东一巷口有人倒建筑垃圾')
    expect((screen.getByPlaceholderText(/东一巷12号旁/) as HTMLInputElement).value).toBe('东一巷口')
    expect(screen.getByText('环境卫生').closest('.vh-chip')?.className).toContain('vh-chip--on')
  })

  test("the server's reason shows beside its field (a place outside the village)", async () => {
    mocked.createReport.mockRejectedValue(new CallError({ code: 'BAD_INPUT', message: '这个地点不在本村范围内', fields: { 'place.point': '这个地点不在本村范围内' } }))
    render(<ReportPage />)
    await fill()
    fireEvent.click(screen.getByText('提交'))
    expect((await screen.findAllByText('这个地点不在本村范围内')).length).toBe(2)
  })

  test('in the browser a tap on the grids’ drawing sets the point, sent with the nearby check', async () => {
    render(<ReportPage />)
    await fill()
    const svg = screen.getByRole('img', { name: '网格示意图' })
    expect(svg.querySelectorAll('polygon')).toHaveLength(2)
    const [, , w, h] = svg.getAttribute('viewBox')!.split(' ').map(Number)
    // the drawing shown at its own size: a tap in its middle is the middle of the two grids
    svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: w, height: h, right: w, bottom: h, x: 0, y: 0, toJSON: () => ({}) })
    act(() => void fireEvent.click(svg, { clientX: w / 2, clientY: h / 2 }))
    expect(screen.getByText('已在图上标出位置，可再点一下改动')).toBeTruthy()
    fireEvent.click(screen.getByText('提交'))
    await waitFor(() => expect(mocked.getNearby).toHaveBeenCalled())
    const point = mocked.getNearby.mock.calls[0][2]!
    expect(point.lng).toBeCloseTo(115.302, 5)
    expect(point.lat).toBeCloseTo(22.901, 5)
  })
})
