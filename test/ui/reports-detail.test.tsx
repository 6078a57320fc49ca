import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/reports/api'
import { useAccount } from '../../src/features/account/store'
import { dueSpan } from '../../src/features/reports/labels'
import DetailPage from '../../src/features/reports/pages/detail'
import { router } from './mocks/taro'
import { gridWorker, meAs, resident, settings, V, view } from './mocks/reports-fixtures'

jest.mock('../../src/features/reports/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)
const HOUR = 3_600_000

beforeEach(() => {
  jest.clearAllMocks()
  router.params = { villageId: V, reportId: encodeURIComponent(`${V}:r1`) }
  useAccount.setState({ me: meAs(resident), currentVillageId: V, error: null })
  mocked.getSettings.mockResolvedValue(settings)
})

describe('the due clock', () => {
  test('counts what is left or how long past, in minutes, hours or days', () => {
    const now = Date.now()
    expect(dueSpan({ at: now + 20 * 60_000, overdue: false }, now)).toBe('还剩20分钟')
    expect(dueSpan({ at: now + 5.5 * HOUR, overdue: false }, now)).toBe('还剩5小时')
    expect(dueSpan({ at: now + 80 * HOUR, overdue: false }, now)).toBe('还剩3天')
    expect(dueSpan({ at: now - 3 * HOUR, overdue: true }, now)).toBe('已逾期3小时')
    expect(dueSpan({ at: now - 50 * HOUR, overdue: true }, now)).toBe('已逾期2天')
  })
})

describe('问题详情', () => {
  test('another resident sees an anonymous report without a name, the due clock and the history, and adds 同问', async () => {
    mocked.getReport.mockResolvedValueOnce(view({ anonymous: true, reporterName: null, history: [{ at: Date.now(), action: 'report', by: '', byName: '匿名村民', role: '村民', note: null, photos: [] }] }, { metoo: true }))
    mocked.getReport.mockResolvedValue(view({ anonymous: true, reporterName: null, metoo: 1, metooByMe: true }))
    mocked.meToo.mockResolvedValue(view({ metoo: 1 }))
    render(<DetailPage />)
    expect(await screen.findByText('受理期限：还剩5小时')).toBeTruthy()
    expect(mocked.getReport).toHaveBeenCalledWith(V, `${V}:r1`)
    expect(screen.getAllByText('匿名村民').length).toBeGreaterThan(0)
    expect(screen.queryByText(/陈建国/)).toBeNull()
    expect(screen.getByText('办理经过')).toBeTruthy()
    expect(screen.queryByText('受理')).toBeNull()
    fireEvent.click(screen.getByText('同问'))
    await waitFor(() => expect(mocked.meToo).toHaveBeenCalledWith(V, `${V}:r1`))
    expect(await screen.findByText('1人（含您）')).toBeTruthy()
  })

  test('the grid worker sees who reported anonymously, an overdue clock, and accepts with an expected date', async () => {
    useAccount.setState({ me: meAs(gridWorker), currentVillageId: V, error: null })
    mocked.getReport.mockResolvedValue(view({ anonymous: true, due: { kind: 'accept', at: Date.now() - 50 * HOUR, overdue: true } }, { accept: true, reject: true, transfer: true }))
    mocked.acceptReport.mockResolvedValue(view({ status: 'accepted' }))
    render(<DetailPage />)
    expect(await screen.findByText('受理期限：已逾期2天')).toBeTruthy()
    expect(screen.getByText('陈建国（匿名上报，仅工作人员可见）')).toBeTruthy()
    expect(screen.queryByText('开始处理')).toBeNull()
    fireEvent.click(screen.getByText('受理'))
    fireEvent.change(screen.getByLabelText('picker-date'), { target: { value: '2031-05-06' } })
    fireEvent.click(screen.getByText('确认受理'))
    await waitFor(() => expect(mocked.acceptReport).toHaveBeenCalledWith(V, `${V}:r1`, '2031-05-06', null))
    await waitFor(() => expect(mocked.getReport).toHaveBeenCalledTimes(2))
  })

  test('转办 needs a target and a reason; the town is offered beside the other grids', async () => {
    useAccount.setState({ me: meAs(gridWorker), currentVillageId: V, error: null })
    mocked.getReport.mockResolvedValue(view({}, { accept: true, reject: true, transfer: true }))
    mocked.transferReport.mockResolvedValue(view({ level: 'town' }))
    render(<DetailPage />)
    fireEvent.click(await screen.findByText('转办'))
    fireEvent.click(screen.getByText('确认转办'))
    expect(screen.getByText('请选择转办到哪里')).toBeTruthy()
    await screen.findByText('第二网格')
    // the report's own grid is not a target
    expect(Array.from(document.querySelectorAll('.vh-chip')).map((c) => c.textContent)).toEqual(['第二网格', '第三网格', '镇街'])
    fireEvent.click(screen.getByText('镇街'))
    fireEvent.click(screen.getByText('确认转办'))
    expect(screen.getByText('请写明转办理由')).toBeTruthy()
    fireEvent.change(screen.getByPlaceholderText(/地点在第三网格/), { target: { value: '涉及河道，需镇水务所处理' } })
    fireEvent.click(screen.getByText('确认转办'))
    await waitFor(() => expect(mocked.transferReport).toHaveBeenCalledWith({ villageId: V, reportId: `${V}:r1`, to: { kind: 'town' }, reason: '涉及河道，需镇水务所处理' }))
  })

  test('办结 is refused here without a photo of the result', async () => {
    useAccount.setState({ me: meAs(gridWorker), currentVillageId: V, error: null })
    mocked.getReport.mockResolvedValue(view({ status: 'inProgress' }, { resolve: true, transfer: true }))
    render(<DetailPage />)
    fireEvent.click(await screen.findByText('办结'))
    fireEvent.change(screen.getByPlaceholderText(/垃圾已清运/), { target: { value: '已清运完毕' } })
    fireEvent.click(screen.getByText('确认办结'))
    expect(screen.getByText('请上传办结后的照片')).toBeTruthy()
    expect(mocked.resolveReport).not.toHaveBeenCalled()
  })

  test('the reporter confirms with stars, or says it is not fixed with a reason', async () => {
    mocked.getReport.mockResolvedValue(view({ status: 'resolved', mine: true, resultPhotos: ['f2'], photoUrls: { f1: '/f1.jpg', f2: '/f2.jpg' }, due: null, autoConfirmAt: Date.now() + 7 * 24 * HOUR }, { confirm: true, reopen: true }))
    mocked.confirmReport.mockResolvedValue(view({ status: 'confirmed' }))
    mocked.reopenReport.mockResolvedValue(view({ status: 'inProgress' }))
    render(<DetailPage />)
    expect(await screen.findByText('问题解决了吗？')).toBeTruthy()
    expect(screen.getByText('办结照片')).toBeTruthy()
    fireEvent.click(screen.getByText('确认已解决'))
    expect(screen.getByText('请点星星打分（1到5星）')).toBeTruthy()
    fireEvent.click(screen.getAllByText('★')[3])
    fireEvent.click(screen.getByText('确认已解决'))
    fireEvent.click(screen.getByText('提交评价'))
    await waitFor(() => expect(mocked.confirmReport).toHaveBeenCalledWith(V, `${V}:r1`, 4, null))

    fireEvent.click(screen.getByText('没有解决'))
    fireEvent.click(screen.getByText('退回重新处理'))
    expect(screen.getByText('请说说哪里还没有解决')).toBeTruthy()
    fireEvent.change(screen.getByPlaceholderText(/第二天又有人倒/), { target: { value: '又有人倒了' } })
    fireEvent.click(screen.getByText('退回重新处理'))
    await waitFor(() => expect(mocked.reopenReport).toHaveBeenCalledWith(V, `${V}:r1`, '又有人倒了'))
  })

  test('a report turned into a topic links to it', async () => {
    mocked.getReport.mockResolvedValue(view({ topicId: `${V}:t9` }))
    render(<DetailPage />)
    fireEvent.click(await screen.findByText('已转为议题'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/features/deliberation/pages/topic/index?topicId=${encodeURIComponent(`${V}:t9`)}&villageId=${V}` })
  })
})
