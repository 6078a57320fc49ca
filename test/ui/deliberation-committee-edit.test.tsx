import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/deliberation/api'
import { CallError } from '../../src/shared/api/call'
import { useAccount } from '../../src/features/account/store'
import EditPage from '../../src/features/deliberation/pages/edit'
import { meWithTwoVillages } from './fixtures'
import { detail, NOW, proposal } from './mocks/deliberation-committee'
import { router } from './mocks/taro'

jest.mock('../../src/features/deliberation/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

/** Beijing time as epoch ms */
const bj = (y: number, m: number, d: number, h: number, min = 0) => Date.UTC(y, m - 1, d, h - 8, min)

const field = (label: string) => screen.getByText(label).closest('.vh-field') as HTMLElement

beforeEach(() => {
  jest.clearAllMocks()
  jest.spyOn(Date, 'now').mockReturnValue(NOW)
  router.params = {}
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
})
afterEach(() => {
  jest.restoreAllMocks()
  router.params = {}
})

describe('发布议题', () => {
  test('a new household-mode, sealed topic is saved with its window in epoch ms: opens now, closes in three days at 20:00', async () => {
    mocked.saveTopic.mockResolvedValue(detail({ status: 'draft', _id: 'v-xinshan:t9' }))
    render(<EditPage />)
    fireEvent.change(screen.getByPlaceholderText('如：村东道路硬化方案（4至40个字）'), { target: { value: '村东道路硬化' } })
    fireEvent.change(screen.getByPlaceholderText('请大家表决的一句话，如：是否同意用村集体收入硬化村东道路？'), { target: { value: '是否同意硬化村东道路？' } })
    fireEvent.click(screen.getByText('按户表决'))
    fireEvent.click(screen.getByText('截止后公布'))
    expect(screen.getByText('每户一票由户代表投，须三分之二以上的户参与')).toBeTruthy()
    expect(screen.getByText('2026年11月26日 星期四')).toBeTruthy()
    expect(screen.getByText('15:53')).toBeTruthy()
    expect(screen.getByText('2026年11月29日 星期日')).toBeTruthy()
    expect(screen.getByText('20:00')).toBeTruthy()
    fireEvent.click(screen.getByText('保存草稿'))

    await waitFor(() => expect(mocked.saveTopic).toHaveBeenCalledTimes(1))
    expect(mocked.saveTopic).toHaveBeenCalledWith({
      villageId: 'v-xinshan',
      title: '村东道路硬化',
      background: '',
      photos: [],
      question: '是否同意硬化村东道路？',
      kind: 'yesno',
      options: [],
      maxChoices: 1,
      mode: 'household',
      results: 'sealed',
      opensAt: NOW,
      closesAt: bj(2026, 11, 29, 20),
    })
    await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith({ title: '草稿已保存', icon: 'success' }))
    expect(screen.getByText('编辑议题草稿')).toBeTruthy()

    // the next save updates the same draft
    fireEvent.click(screen.getByText('保存草稿'))
    await waitFor(() => expect(mocked.saveTopic).toHaveBeenCalledTimes(2))
    expect(mocked.saveTopic.mock.calls[1][0].topicId).toBe('v-xinshan:t9')
  })

  test('a choice topic sends its options and how many may be picked; the pickers set the window', async () => {
    mocked.saveTopic.mockResolvedValue(detail({ status: 'draft' }))
    render(<EditPage />)
    fireEvent.change(screen.getByPlaceholderText('如：村东道路硬化方案（4至40个字）'), { target: { value: '文化室选址' } })
    fireEvent.change(screen.getByPlaceholderText('请大家表决的一句话，如：是否同意用村集体收入硬化村东道路？'), { target: { value: '文化室建在哪里？' } })
    fireEvent.click(screen.getByText('多选一 / 多选'))
    fireEvent.change(screen.getByPlaceholderText('选项1'), { target: { value: '老祠堂旁' } })
    fireEvent.change(screen.getByPlaceholderText('选项2'), { target: { value: '小学旧址' } })
    fireEvent.click(screen.getByText('＋ 添加选项'))
    fireEvent.change(screen.getByPlaceholderText('选项3'), { target: { value: '村委会二楼' } })
    fireEvent.click(screen.getByText('最多选2项'))
    const [opensDate, closesDate] = screen.getAllByLabelText('picker-date')
    const [opensTime, closesTime] = screen.getAllByLabelText('picker-time')
    fireEvent.change(opensDate, { target: { value: '2026-12-01' } })
    fireEvent.change(opensTime, { target: { value: '08:30' } })
    fireEvent.change(closesDate, { target: { value: '2026-12-05' } })
    fireEvent.change(closesTime, { target: { value: '18:00' } })
    fireEvent.click(screen.getByText('保存草稿'))

    await waitFor(() => expect(mocked.saveTopic).toHaveBeenCalledTimes(1))
    expect(mocked.saveTopic.mock.calls[0][0]).toMatchObject({
      kind: 'choice',
      options: ['老祠堂旁', '小学旧址', '村委会二楼'],
      maxChoices: 2,
      mode: 'person',
      results: 'live',
      opensAt: bj(2026, 12, 1, 8, 30),
      closesAt: bj(2026, 12, 5, 18),
    })
    expect(await screen.findByText('编辑议题草稿')).toBeTruthy()
  })

  test('a close before the opening is stopped before sending', async () => {
    render(<EditPage />)
    const [, closesDate] = screen.getAllByLabelText('picker-date')
    fireEvent.change(closesDate, { target: { value: '2026-11-26' } })
    fireEvent.change(screen.getAllByLabelText('picker-time')[1], { target: { value: '09:00' } })
    fireEvent.click(screen.getByText('保存草稿'))
    await waitFor(() => expect(within(field('截止时间')).getByText('截止时间要晚于开始时间')).toBeTruthy())
    expect(mocked.saveTopic).not.toHaveBeenCalled()
  })

  test("the server's BAD_INPUT is shown beside the fields, and what was typed stays", async () => {
    mocked.saveTopic.mockRejectedValue(new CallError({ code: 'BAD_INPUT', message: '标题至少4个字', fields: { title: '标题至少4个字', 'options.1': '请填写选项', closesAt: '截止时间须在开始后至少1小时' } }))
    render(<EditPage />)
    fireEvent.change(screen.getByPlaceholderText('如：村东道路硬化方案（4至40个字）'), { target: { value: '修路' } })
    fireEvent.change(screen.getByPlaceholderText('为什么要议这件事，大家需要知道哪些情况（选填）'), { target: { value: '雨天泥泞，老人出行不便。' } })
    fireEvent.click(screen.getByText('多选一 / 多选'))
    fireEvent.change(screen.getByPlaceholderText('选项1'), { target: { value: '水泥路' } })
    fireEvent.click(screen.getByText('保存草稿'))

    await waitFor(() => expect(within(field('标题')).getByText('标题至少4个字')).toBeTruthy())
    const second = screen.getByPlaceholderText('选项2').closest('.dlb-edit-option') as HTMLElement
    expect(within(second).getByText('请填写选项')).toBeTruthy()
    expect(within(field('截止时间')).getByText('截止时间须在开始后至少1小时')).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toBe('标题至少4个字')
    expect((screen.getByPlaceholderText('如：村东道路硬化方案（4至40个字）') as HTMLInputElement).value).toBe('修路')
    expect((screen.getByPlaceholderText('为什么要议这件事，大家需要知道哪些情况（选填）') as HTMLTextAreaElement).value).toBe('雨天泥泞，老人出行不便。')
    expect((screen.getByPlaceholderText('选项1') as HTMLInputElement).value).toBe('水泥路')
    expect(screen.getByText('有未保存的修改')).toBeTruthy()

    // typing in the field clears its message
    fireEvent.change(screen.getByPlaceholderText('如：村东道路硬化方案（4至40个字）'), { target: { value: '村东道路硬化' } })
    expect(within(field('标题')).queryByText('标题至少4个字')).toBeNull()
  })

  test('publishing a draft asks first, then publishes and opens the topic', async () => {
    router.params = { topicId: encodeURIComponent('v-xinshan:t1') }
    mocked.getTopic.mockResolvedValue(detail({ status: 'draft', publishedAt: null }))
    mocked.publishTopic.mockResolvedValue(detail())
    render(<EditPage />)
    expect(await screen.findByDisplayValue('村东道路硬化方案')).toBeTruthy()
    expect(mocked.getTopic).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:t1')
    fireEvent.click(screen.getByText('核对选民名册'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/roll/index?topicId=v-xinshan%3At1' })

    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as never)
    fireEvent.click(screen.getByText('发布'))
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledTimes(1))
    expect(mocked.publishTopic).not.toHaveBeenCalled()

    fireEvent.click(await screen.findByText('发布'))
    await waitFor(() => expect(mocked.publishTopic).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:t1'))
    expect(taro.showModal).toHaveBeenCalledTimes(2)
    expect(taro.showModal.mock.calls[1][0]).toMatchObject({ title: '发布这个议题？' })
    expect(taro.showModal.mock.invocationCallOrder[1]).toBeLessThan(mocked.publishTopic.mock.invocationCallOrder[0])
    expect(mocked.saveTopic).not.toHaveBeenCalled()
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/topic/index?topicId=v-xinshan%3At1' }))
  })

  test('publishing a new topic saves it first, then asks, then publishes', async () => {
    mocked.saveTopic.mockResolvedValue(detail({ status: 'draft', _id: 'v-xinshan:t9' }))
    mocked.publishTopic.mockResolvedValue(detail({ _id: 'v-xinshan:t9' }))
    render(<EditPage />)
    fireEvent.change(screen.getByPlaceholderText('如：村东道路硬化方案（4至40个字）'), { target: { value: '村东道路硬化' } })
    fireEvent.change(screen.getByPlaceholderText('请大家表决的一句话，如：是否同意用村集体收入硬化村东道路？'), { target: { value: '是否同意硬化村东道路？' } })
    fireEvent.click(screen.getByText('发布'))
    await waitFor(() => expect(mocked.publishTopic).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:t9'))
    expect(mocked.saveTopic.mock.invocationCallOrder[0]).toBeLessThan(taro.showModal.mock.invocationCallOrder[0])
    expect(taro.showModal.mock.invocationCallOrder[0]).toBeLessThan(mocked.publishTopic.mock.invocationCallOrder[0])
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/topic/index?topicId=v-xinshan%3At9' }))
  })

  test("a refused publish shows the server's reason beside the field and keeps the form", async () => {
    router.params = { topicId: 'v-xinshan:t1' }
    mocked.getTopic.mockResolvedValue(detail({ status: 'draft' }))
    mocked.publishTopic.mockRejectedValue(new CallError({ code: 'BAD_INPUT', message: '截止时间已经过去', fields: { closesAt: '截止时间已经过去' } }))
    render(<EditPage />)
    fireEvent.click(await screen.findByText('发布'))
    expect(await screen.findByText('暂不能发布：截止时间已经过去')).toBeTruthy()
    expect(within(field('截止时间')).getByText('截止时间已经过去')).toBeTruthy()
    expect(screen.getByDisplayValue('村东道路硬化方案')).toBeTruthy()
    expect(taro.redirectTo).not.toHaveBeenCalled()
  })

  test('deleting a draft asks, discards it and goes back', async () => {
    router.params = { topicId: 'v-xinshan:t1' }
    mocked.getTopic.mockResolvedValue(detail({ status: 'draft' }))
    mocked.discardTopic.mockResolvedValue({ removed: 1 })
    render(<EditPage />)
    fireEvent.click(await screen.findByText('删除草稿'))
    await waitFor(() => expect(mocked.discardTopic).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:t1'))
    expect(taro.showModal.mock.calls[0][0]).toMatchObject({ title: '删除这份草稿？' })
    await waitFor(() => expect(taro.navigateBack).toHaveBeenCalled())
  })

  test('a published topic is not edited', async () => {
    router.params = { topicId: 'v-xinshan:t1' }
    mocked.getTopic.mockResolvedValue(detail())
    render(<EditPage />)
    expect(await screen.findByText('「村东道路硬化方案」已经发布，不能再修改')).toBeTruthy()
    expect(screen.queryByText('保存草稿')).toBeNull()
  })

  test("a residents' proposal starts the topic with its title and reason, and is sent along", async () => {
    router.params = { proposalId: 'v-xinshan:pr1' }
    mocked.listProposals.mockResolvedValue([proposal({ status: 'accepted', cosigns: 5, acceptedAt: NOW })])
    mocked.saveTopic.mockResolvedValue(detail({ status: 'draft' }))
    render(<EditPage />)
    expect(await screen.findByDisplayValue('修缮村口老榕树下的凉亭')).toBeTruthy()
    expect(screen.getByDisplayValue('凉亭的瓦片漏雨，老人们在树下议事、乘凉都不方便。')).toBeTruthy()
    expect(screen.getByText('来自村民提议')).toBeTruthy()
    fireEvent.change(screen.getByPlaceholderText('请大家表决的一句话，如：是否同意用村集体收入硬化村东道路？'), { target: { value: '是否同意修缮凉亭？' } })
    fireEvent.click(screen.getByText('保存草稿'))
    await waitFor(() => expect(mocked.saveTopic).toHaveBeenCalledTimes(1))
    expect(mocked.saveTopic.mock.calls[0][0]).toMatchObject({ title: '修缮村口老榕树下的凉亭', proposalId: 'v-xinshan:pr1' })
  })

  test('a failed load offers to retry', async () => {
    router.params = { topicId: 'v-xinshan:t1' }
    mocked.getTopic.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不给力，请检查网络后重试' })).mockResolvedValueOnce(detail({ status: 'draft' }))
    render(<EditPage />)
    fireEvent.click(await screen.findByText('重试'))
    expect(await screen.findByDisplayValue('村东道路硬化方案')).toBeTruthy()
  })

  test('someone who is not on the committee is told so and nothing is loaded', () => {
    router.params = { topicId: 'v-xinshan:t1' }
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-henan' })
    render(<EditPage />)
    expect(screen.getByText('只有居委会成员可以发布议题')).toBeTruthy()
    expect(mocked.getTopic).not.toHaveBeenCalled()
  })
})
