import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/deliberation/api'
import { CallError } from '../../src/shared/api/call'
import { useAccount } from '../../src/features/account/store'
import ManagePage from '../../src/features/deliberation/pages/manage'
import { meWithTwoVillages } from './fixtures'
import { DAY, detail, NOW, turnout } from './mocks/deliberation-committee'
import { router } from './mocks/taro'

jest.mock('../../src/features/deliberation/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const grids = [
  { gridId: 'g1', gridName: '东片网格', participants: 2, eligible: 4, percent: 50 },
  { gridId: 'g2', gridName: '西片网格', participants: 1, eligible: 6, percent: 17 },
]
const closed = () =>
  detail(
    { status: 'closed', closesAt: NOW - DAY, closedAt: NOW - DAY },
    {
      turnout: turnout({ participants: 7, online: 5, inPerson: 2, quorumMet: true, percent: 70 }),
      result: { valid: true, verdict: '有效', carried: ['yes'], summary: '有效。赞成 5 票，超过参与 7 户的半数，通过。' },
    },
  )
const decision = { text: '同意硬化村东道路，明年三月前完工。', byName: '林志强', at: NOW }

beforeEach(() => {
  jest.clearAllMocks()
  jest.spyOn(Date, 'now').mockReturnValue(NOW)
  router.params = { topicId: 'v-xinshan%3At1' }
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  mocked.getTurnoutByGrid.mockResolvedValue(grids)
})
afterEach(() => {
  jest.restoreAllMocks()
  router.params = {}
})

describe('议题管理', () => {
  test('an open topic: turnout against the quorum, per-grid turnout, and a reminder to those who have not voted', async () => {
    mocked.getTopic.mockResolvedValue(detail())
    mocked.remindNonVoters.mockResolvedValue({ reminded: 7 })
    render(<ManagePage />)
    expect(await screen.findByText('3/10')).toBeTruthy()
    expect(mocked.getTopic).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:t1')
    expect(screen.getByText('法定人数 6 户，还差 3 户')).toBeTruthy()
    expect(screen.getByText('手机投票 2 户 · 现场登记 1 户')).toBeTruthy()
    expect(await screen.findByText('东片网格')).toBeTruthy()
    expect(screen.getByText('1/6 户 · 17%')).toBeTruthy()
    expect(mocked.getTurnoutByGrid).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:t1')
    expect(screen.queryByText('公布决议')).toBeNull()

    fireEvent.click(screen.getByText('提醒未投票的村民'))
    await waitFor(() => expect(mocked.remindNonVoters).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:t1'))
    expect(taro.showModal.mock.calls[0][0]).toMatchObject({ title: '提醒未投票的户代表？' })
    expect(await screen.findByText('已提醒 7 位户代表，几分钟内陆续送达')).toBeTruthy()

    fireEvent.click(screen.getByText('现场表决登记'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/meeting/index?topicId=v-xinshan%3At1' })
  })

  test('a closed topic: the reminder is off; the decision is published after a confirmation', async () => {
    mocked.getTopic.mockResolvedValue(closed())
    mocked.decideTopic.mockResolvedValue(detail({ ...closed().topic, status: 'decided', decision }, { result: closed().result }))
    render(<ManagePage />)
    expect(await screen.findByText('有效。赞成 5 票，超过参与 7 户的半数，通过。')).toBeTruthy()
    expect((screen.getByText('提醒未投票的村民').closest('button') as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByText('投票已截止，不能再提醒。')).toBeTruthy()

    fireEvent.change(screen.getByPlaceholderText('如：经表决，同意硬化村东道路，由村委会在明年三月前组织施工，账目按月公开。'), { target: { value: decision.text } })
    fireEvent.click(screen.getByRole('button', { name: '公布决议' }))
    await waitFor(() => expect(mocked.decideTopic).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:t1', decision.text))
    expect(taro.showModal.mock.calls[0][0]).toMatchObject({ title: '公布决议？' })
    expect(await screen.findByText(decision.text)).toBeTruthy()
    expect(screen.getByText('已公布决议')).toBeTruthy()
    expect(screen.getByText('落实进展')).toBeTruthy()
    expect(screen.queryByPlaceholderText('如：经表决，同意硬化村东道路，由村委会在明年三月前组织施工，账目按月公开。')).toBeNull()
  })

  test('a refused decision shows the reason beside the text, which stays', async () => {
    mocked.getTopic.mockResolvedValue(closed())
    mocked.decideTopic.mockRejectedValue(new CallError({ code: 'BAD_INPUT', message: '决议内容至少4个字', fields: { decision: '决议内容至少4个字' } }))
    render(<ManagePage />)
    const box = await screen.findByPlaceholderText('如：经表决，同意硬化村东道路，由村委会在明年三月前组织施工，账目按月公开。')
    fireEvent.change(box, { target: { value: '同意' } })
    fireEvent.click(screen.getByRole('button', { name: '公布决议' }))
    await waitFor(() => expect(screen.getAllByText('决议内容至少4个字')).toHaveLength(2))
    expect(within(box.closest('.vh-field') as HTMLElement).getByText('决议内容至少4个字')).toBeTruthy()
    expect((box as HTMLTextAreaElement).value).toBe('同意')
  })

  test('a decided topic: the timeline, and a last update marks it done', async () => {
    const decided = detail(
      { status: 'decided', closesAt: NOW - DAY, closedAt: NOW - DAY, decision, updates: [{ id: 'u1', text: '已完成招标。', photos: [], done: false, byName: '林志强', at: NOW - DAY }] },
      { result: closed().result },
    )
    mocked.getTopic.mockResolvedValue(decided)
    mocked.addTopicUpdate.mockResolvedValue(
      detail({ ...decided.topic, status: 'done', updates: [...decided.topic.updates, { id: 'u2', text: '道路已通车。', photos: [], done: true, byName: '林志强', at: NOW }] }),
    )
    render(<ManagePage />)
    expect(await screen.findByText('已完成招标。')).toBeTruthy()
    expect(screen.queryByText('提醒未投票的村民')).toBeNull()
    fireEvent.change(screen.getByPlaceholderText('这一步做了什么，如：已完成招标，12月10日开工。'), { target: { value: '道路已通车。' } })
    fireEvent.click(screen.getByRole('switch'))
    fireEvent.click(screen.getByText('发布进展'))
    await waitFor(() => expect(mocked.addTopicUpdate).toHaveBeenCalledWith({ villageId: 'v-xinshan', topicId: 'v-xinshan:t1', text: '道路已通车。', photos: [], done: true }))
    expect(taro.showModal.mock.calls[0][0]).toMatchObject({ title: '标记为已办结？' })
    expect(await screen.findByText('道路已通车。')).toBeTruthy()
    expect(screen.queryByText('发布进展')).toBeNull()
  })

  test('the tally and the turnout are exported as CSV through the shared download', async () => {
    mocked.getTopic.mockResolvedValue(closed())
    mocked.exportTopicCsv.mockImplementation(async (_v, _t, kind) => ({ filename: kind === 'tally' ? '村东道路硬化方案-计票结果.csv' : '村东道路硬化方案-参与情况.csv', content: '\uFEFF选项,票数\r\n', rows: 3, next: null }))
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:csv'), revokeObjectURL: jest.fn() })
    const downloads: string[] = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download)
    })
    render(<ManagePage />)
    fireEvent.click(await screen.findByText('导出计票结果'))
    await waitFor(() => expect(mocked.exportTopicCsv).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:t1', 'tally', null))
    fireEvent.click(await screen.findByText('导出参与情况'))
    await waitFor(() => expect(downloads).toEqual(['村东道路硬化方案-计票结果.csv', '村东道路硬化方案-参与情况.csv']))
    expect(mocked.exportTopicCsv).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:t1', 'turnout', null)
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已导出 3 条', icon: 'success' })
  })

  /** the turnout in three pages (500 + 500 + 200 of 1,200), each answered when the test says */
  function pagedTurnout(thirdFails = false) {
    const waiting: Array<() => void> = []
    const page = (content: string, rows: number, next: string | null) => ({ filename: '参与情况.csv', content, rows, next, total: 1200 })
    mocked.exportTopicCsv.mockImplementation(
      (_v, _t, _k, after) =>
        new Promise((resolve, reject) => {
          const answer = () => {
            if (!after) return resolve(page('\uFEFF网格,投票人\r\n一,甲\r\n', 500, '1'))
            if (after === '1') return resolve(page('二,乙\r\n', 500, '2'))
            return thirdFails ? reject(new CallError({ code: 'CONFLICT', message: '议题已变更，请重新导出' })) : resolve(page('三,丙\r\n', 200, null))
          }
          waiting.push(answer)
        }),
    )
    const answerNext = async () => {
      await waitFor(() => expect(waiting.length).toBeGreaterThan(0))
      await act(async () => waiting.shift()!())
    }
    return answerNext
  }
  function captureDownloads() {
    const saved: Array<{ name: string; content: string }> = []
    const blobs: string[] = []
    const RealBlob = Blob
    jest.spyOn(window, 'Blob').mockImplementation((parts?: BlobPart[]) => {
      blobs.push((parts ?? []).join(''))
      return new RealBlob(parts)
    })
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:csv'), revokeObjectURL: jest.fn() })
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, content: blobs[blobs.length - 1] })
    })
    return saved
  }

  test('a long turnout comes page by page: the button counts the rows, and one file is saved with the header once', async () => {
    mocked.getTopic.mockResolvedValue(closed())
    const answerNext = pagedTurnout()
    const saved = captureDownloads()
    render(<ManagePage />)
    fireEvent.click(await screen.findByText('导出参与情况'))
    await answerNext()
    expect(await screen.findByText('正在导出 500 / 1,200 条')).toBeTruthy()
    await answerNext()
    expect(await screen.findByText('正在导出 1,000 / 1,200 条')).toBeTruthy()
    expect(saved).toEqual([])
    await answerNext()
    await waitFor(() => expect(saved).toEqual([{ name: '参与情况.csv', content: '\uFEFF网格,投票人\r\n一,甲\r\n二,乙\r\n三,丙\r\n' }]))
    expect(mocked.exportTopicCsv.mock.calls.map((c) => c[3])).toEqual([null, '1', '2'])
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已导出 1,200 条', icon: 'success' })
    expect(await screen.findByText('导出参与情况')).toBeTruthy()
  })

  test('a page that fails mid-way shows why and saves nothing partial', async () => {
    mocked.getTopic.mockResolvedValue(closed())
    const answerNext = pagedTurnout(true)
    const saved = captureDownloads()
    render(<ManagePage />)
    fireEvent.click(await screen.findByText('导出参与情况'))
    await answerNext()
    await answerNext()
    await answerNext()
    expect(await screen.findByText('议题已变更，请重新导出')).toBeTruthy()
    expect(saved).toEqual([])
    expect(taro.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ icon: 'success' }))
    // the button is back for another try
    expect(screen.getByText('导出参与情况')).toBeTruthy()
  })

  test('a sealed open topic shows no counts and cannot export the tally yet', async () => {
    mocked.getTopic.mockResolvedValue(detail({ results: 'sealed' }, { tally: null }))
    render(<ManagePage />)
    expect(await screen.findByText('本议题截止后公布票数，截止后才能导出计票结果。')).toBeTruthy()
    expect((screen.getByText('导出计票结果').closest('button') as HTMLButtonElement).disabled).toBe(true)
    expect(screen.queryByText('赞成')).toBeNull()
  })

  test('a draft offers to go on editing', async () => {
    mocked.getTopic.mockResolvedValue(detail({ status: 'draft', publishedAt: null }))
    render(<ManagePage />)
    fireEvent.click(await screen.findByText('继续编辑'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/edit/index?topicId=v-xinshan%3At1' })
    expect(mocked.getTurnoutByGrid).not.toHaveBeenCalled()
    fireEvent.click(screen.getByText('核对选民名册'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/roll/index?topicId=v-xinshan%3At1' })
  })

  test('someone who is not on the committee is told so and nothing is loaded', () => {
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-henan' })
    render(<ManagePage />)
    expect(screen.getByText('只有居委会成员可以管理议题')).toBeTruthy()
    expect(mocked.getTopic).not.toHaveBeenCalled()
  })
})
