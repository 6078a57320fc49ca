import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/deliberation/api'
import * as accountApi from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import { CallError } from '../../src/shared/api/call'
import TopicPage from '../../src/features/deliberation/pages/topic'
import { meWithTwoVillages } from './fixtures'
import { ballot, commentPage, detail, me } from './mocks/deliberation-fixtures'
import { router } from './mocks/taro'

jest.mock('../../src/features/deliberation/api')
jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

const TOPIC = 'v-xinshan:t1'
const meeting = (over = {}) => ballot(['yes'], { source: 'meeting', castBy: 'p2', castByName: '陈美玲', receipt: 'K7Q2-M8XP', objection: null, ...over })
const reasonBox = () => screen.getByPlaceholderText('例如：我在会上投的是反对，登记成了赞成')

beforeEach(() => {
  jest.clearAllMocks()
  jest.mocked(accountApi).getMe.mockResolvedValue(meWithTwoVillages)
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  router.params = { topicId: encodeURIComponent(TOPIC) }
  mocked.listComments.mockResolvedValue(commentPage([]))
})

describe('receipt', () => {
  test('while open, after casting: the receipt to keep', async () => {
    mocked.getTopic.mockResolvedValue(detail({ me: me({ ballot: ballot(['yes'], { receipt: 'K7Q2-M8XP' }) }) }))
    render(<TopicPage />)
    expect(await screen.findByText('回执码 K7Q2-M8XP')).toBeTruthy()
    expect(screen.getByText('请保存，截止后可在计票清单中核对')).toBeTruthy()
    expect(screen.queryByText('查看计票清单 ›')).toBeNull()
  })

  test('once closed: counted, with a link to the published count', async () => {
    mocked.getTopic.mockResolvedValue(detail({ me: me({ canVote: false, ballot: ballot(['yes'], { receipt: 'K7Q2-M8XP' }) }) }, { status: 'closed', closedAt: Date.now() }))
    render(<TopicPage />)
    expect(await screen.findByText('您的选票已计入（回执码 K7Q2-M8XP）')).toBeTruthy()
    fireEvent.click(screen.getByText('查看计票清单 ›'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/count/index?topicId=v-xinshan%3At1' })
    // the closed topic links its count for everyone too
    expect(screen.getByText('计票清单')).toBeTruthy()
  })

  test('a voter with nobody to delegate to is told calmly how to vote without the phone', async () => {
    mocked.getTopic.mockResolvedValue(detail({ me: me({ help: '您家只有您一人登记在册，也没有网格员可以代投。可以到村委会大院现场投票，或打电话 0660-1234567。' }) }))
    render(<TopicPage />)
    const help = await screen.findByText(/可以到村委会大院现场投票/)
    expect(help.className).toContain('dl-help')
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('a meeting ballot recorded in my name', () => {
  test('shows who recorded it, cannot be changed on the phone, and an empty objection is refused without sending', async () => {
    mocked.getTopic.mockResolvedValue(detail({ me: me({ ballot: meeting() }) }))
    mocked.objectToBallot.mockResolvedValue(meeting({ objection: { reason: '我投的是反对', at: Date.now() } }))
    render(<TopicPage />)
    expect(await screen.findByText('现场表决由陈美玲登记')).toBeTruthy()
    expect(screen.getByText('回执码 K7Q2-M8XP')).toBeTruthy()
    expect(screen.queryByText('改投')).toBeNull()

    fireEvent.click(screen.getByText('提出异议'))
    fireEvent.click(screen.getByText('提交异议'))
    expect(await screen.findByText('请写明异议内容（至少两个字）')).toBeTruthy()
    fireEvent.change(reasonBox(), { target: { value: ' 反 ' } })
    fireEvent.click(screen.getByText('提交异议'))
    expect(screen.getByText('请写明异议内容（至少两个字）')).toBeTruthy()
    expect(mocked.objectToBallot).not.toHaveBeenCalled()

    fireEvent.change(reasonBox(), { target: { value: '我投的是反对' } })
    expect(screen.queryByText('请写明异议内容（至少两个字）')).toBeNull()
    fireEvent.click(screen.getByText('提交异议'))
    await waitFor(() => expect(mocked.objectToBallot).toHaveBeenCalledWith('v-xinshan', TOPIC, '我投的是反对'))
    expect(await screen.findByText('已提出异议：我投的是反对')).toBeTruthy()
    expect(screen.queryByText('提出异议')).toBeNull()
  })

  test("the server's refusal of the reason is shown beside it", async () => {
    mocked.getTopic.mockResolvedValue(detail({ me: me({ ballot: meeting() }) }))
    mocked.objectToBallot.mockRejectedValue(new CallError({ code: 'BAD_INPUT', message: '异议内容含有不当用语', fields: { reason: '异议内容含有不当用语' } }))
    render(<TopicPage />)
    fireEvent.click(await screen.findByText('提出异议'))
    fireEvent.change(reasonBox(), { target: { value: '乱写一通' } })
    fireEvent.click(screen.getByText('提交异议'))
    expect(await screen.findByText('异议内容含有不当用语')).toBeTruthy()
    expect(screen.getAllByText('异议内容含有不当用语')).toHaveLength(1)
  })

  test('an existing objection and the correction history are shown', async () => {
    const history = [{ choices: ['no'], castByName: '林志强', castAt: Date.now() - 3_600_000, reason: '登记时点错了' }]
    mocked.getTopic.mockResolvedValue(detail({ me: me({ ballot: meeting({ changes: 1, history, objection: { reason: '我没有到会', at: Date.now() } }) }) }))
    render(<TopicPage />)
    expect(await screen.findByText('已提出异议：我没有到会')).toBeTruthy()
    expect(screen.getByText('更正记录')).toBeTruthy()
    expect(screen.getByText(/林志强 登记为「反对」，后更正，理由：登记时点错了/)).toBeTruthy()
    expect(screen.getByText('更正过 1 次')).toBeTruthy()
    expect(screen.queryByText('提出异议')).toBeNull()
  })
})
