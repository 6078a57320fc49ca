import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { VoterRow } from '@contract'
import * as api from '../../src/features/deliberation/api'
import { CallError } from '../../src/shared/api/call'
import { useAccount } from '../../src/features/account/store'
import MeetingPage from '../../src/features/deliberation/pages/meeting'
import { meWithTwoVillages } from './fixtures'
import { DAY, detail, NOW, voterPage } from './mocks/deliberation-committee'
import { router } from './mocks/taro'

jest.mock('../../src/features/deliberation/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const voters: VoterRow[] = [
  { personId: 'p7', name: '林水生', doorplate: '新山村东一巷12号', voted: false, source: null },
  { personId: 'p8', name: '陈秀英', doorplate: '新山村东一巷14号', voted: true, source: 'online' },
  { personId: 'p9', name: '黄大海', doorplate: '新山村西三巷5号', voted: false, source: null },
  { personId: 'p10', name: '黄阿婆', doorplate: '新山村西三巷7号', voted: true, source: 'meeting' },
]
const ballot = { _id: 'v-xinshan:t1:h7', villageId: 'v-xinshan', topicId: 'v-xinshan:t1', voterKey: 'h7', personId: 'p7', householdId: 'h7', gridId: 'g1', choices: ['yes'], source: 'meeting' as const, castBy: 'p1', castByName: '林志强', castAt: NOW, changes: 0 }

const row = (name: string) => screen.getByText(name).closest('.dlb-voter') as HTMLElement

beforeEach(() => {
  jest.clearAllMocks()
  jest.spyOn(Date, 'now').mockReturnValue(NOW)
  router.params = { topicId: 'v-xinshan%3At1' }
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  mocked.getTopic.mockResolvedValue(detail())
})
afterEach(() => {
  jest.restoreAllMocks()
  router.params = {}
})

describe('现场表决登记', () => {
  test('lists who may vote and how they voted; a search by name or doorplate narrows it', async () => {
    mocked.listVoters.mockResolvedValue(voterPage(voters))
    render(<MeetingPage />)
    expect(await screen.findByText('林水生')).toBeTruthy()
    expect(mocked.listVoters).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:t1')
    expect(within(row('陈秀英')).getByText('已投·线上')).toBeTruthy()
    expect(within(row('黄阿婆')).getByText('已投·现场')).toBeTruthy()
    expect(within(row('林水生')).getByText('登记 ›')).toBeTruthy()
    expect(screen.getByText('现场已登记 1 户')).toBeTruthy()
    expect(screen.getByText('2/4')).toBeTruthy()

    fireEvent.change(screen.getByPlaceholderText('搜索姓名或门牌号'), { target: { value: '西三巷' } })
    expect(screen.queryByText('林水生')).toBeNull()
    expect(screen.getByText('黄大海')).toBeTruthy()
    fireEvent.change(screen.getByPlaceholderText('搜索姓名或门牌号'), { target: { value: '黄大' } })
    expect(screen.queryByText('黄阿婆')).toBeNull()
    fireEvent.change(screen.getByPlaceholderText('搜索姓名或门牌号'), { target: { value: '' } })
    fireEvent.click(screen.getByText('未投票 2'))
    expect(screen.queryByText('陈秀英')).toBeNull()
    expect(screen.getByText('林水生')).toBeTruthy()
  })

  test('a big roll comes a page at a time: 加载更多 adds the next page; a search not found among those listed is asked of the whole roll', async () => {
    const zheng: VoterRow = { personId: 'p11', name: '郑大伯', doorplate: '新山村北一巷2号', voted: false, source: null }
    const counts = { eligible: 120, voted: 31, meeting: 4 }
    mocked.listVoters.mockImplementation(async (_v, _t, page) => (page?.after === '0:p10' ? voterPage([zheng], null, counts) : page?.q === '郑大伯' ? voterPage([zheng], null, counts) : voterPage(voters, '0:p10', counts)))
    render(<MeetingPage />)
    expect(await screen.findByText('林水生')).toBeTruthy()
    // the figures are the whole roll's, not the rows listed
    expect(screen.getByText('31/120')).toBeTruthy()
    expect(screen.getByText('现场已登记 4 户')).toBeTruthy()
    expect(screen.getByText('未投票 89')).toBeTruthy()
    expect(screen.getByText('已列出 4/120 户')).toBeTruthy()

    fireEvent.change(screen.getByPlaceholderText('搜索姓名或门牌号'), { target: { value: '郑大伯' } })
    expect(screen.getByText('已列出的人中没有找到“郑大伯”')).toBeTruthy()
    fireEvent.click(screen.getByText('在全部 120 户中查找“郑大伯”（姓名或门牌号须完整）'))
    expect(await screen.findByText('郑大伯')).toBeTruthy()
    expect(mocked.listVoters).toHaveBeenLastCalledWith('v-xinshan', 'v-xinshan:t1', { q: '郑大伯' })

    fireEvent.change(screen.getByPlaceholderText('搜索姓名或门牌号'), { target: { value: '' } })
    expect(screen.queryByText('郑大伯')).toBeNull()
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('郑大伯')).toBeTruthy()
    expect(mocked.listVoters).toHaveBeenLastCalledWith('v-xinshan', 'v-xinshan:t1', { after: '0:p10' })
    expect(screen.getByText('林水生')).toBeTruthy()
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  test('recording a voter asks, records the ballot, and the list and the count follow', async () => {
    mocked.listVoters.mockResolvedValueOnce(voterPage(voters)).mockResolvedValue(voterPage(voters.map((v) => (v.personId === 'p7' ? { ...v, voted: true, source: 'meeting' as const } : v))))
    mocked.recordInPersonBallot.mockResolvedValue(ballot)
    render(<MeetingPage />)
    fireEvent.click(await screen.findByText('林水生'))
    const confirm = screen.getByText('确认登记').closest('button') as HTMLButtonElement
    expect(confirm.disabled).toBe(true)
    fireEvent.click(screen.getByText('赞成'))
    fireEvent.click(screen.getByText('确认登记'))

    await waitFor(() => expect(mocked.recordInPersonBallot).toHaveBeenCalledWith({ villageId: 'v-xinshan', topicId: 'v-xinshan:t1', voterPersonId: 'p7', choices: ['yes'] }))
    expect(taro.showModal.mock.calls[0][0]).toMatchObject({ title: '登记林水生的表决？', content: '林水生（新山村东一巷12号）：赞成。登记后算作现场投票，每户只有一票。' })
    expect(await screen.findByText('现场已登记 2 户')).toBeTruthy()
    expect(within(row('林水生')).getByText('已投·现场')).toBeTruthy()
    expect(screen.queryByText('确认登记')).toBeNull()
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已登记林水生', icon: 'success' })
    await waitFor(() => expect(mocked.listVoters).toHaveBeenCalledTimes(2))
  })

  test('a voter who already voted on the phone is refused (DUPLICATE): the reason is shown and the row marked', async () => {
    mocked.listVoters.mockResolvedValueOnce(voterPage(voters)).mockResolvedValue(voterPage(voters.map((v) => (v.personId === 'p9' ? { ...v, voted: true, source: 'online' as const } : v))))
    mocked.recordInPersonBallot.mockRejectedValue(new CallError({ code: 'DUPLICATE', message: '该户已在手机上投票，不能重复登记' }))
    render(<MeetingPage />)
    fireEvent.click(await screen.findByText('黄大海'))
    fireEvent.click(screen.getByText('反对'))
    fireEvent.click(screen.getByText('确认登记'))

    expect(await screen.findByText('黄大海：该户已在手机上投票，不能重复登记')).toBeTruthy()
    expect(mocked.recordInPersonBallot).toHaveBeenCalledWith({ villageId: 'v-xinshan', topicId: 'v-xinshan:t1', voterPersonId: 'p9', choices: ['no'] })
    expect(await within(row('黄大海')).findByText('已投·线上')).toBeTruthy()
    expect(screen.getByText('现场已登记 1 户')).toBeTruthy()
  })

  test('another refusal keeps the panel open with the reason', async () => {
    mocked.listVoters.mockResolvedValue(voterPage(voters))
    mocked.recordInPersonBallot.mockRejectedValue(new CallError({ code: 'CLOSED', message: '投票已截止' }))
    render(<MeetingPage />)
    fireEvent.click(await screen.findByText('林水生'))
    fireEvent.click(screen.getByText('弃权'))
    fireEvent.click(screen.getByText('确认登记'))
    expect(await screen.findByText('投票已截止')).toBeTruthy()
    expect(screen.getByText('确认登记')).toBeTruthy()
  })

  test('a choice topic lets the committee pick up to the maximum', async () => {
    mocked.getTopic.mockResolvedValue(
      detail({
        kind: 'choice',
        mode: 'person',
        maxChoices: 2,
        options: [
          { id: 'o1', label: '老祠堂旁' },
          { id: 'o2', label: '小学旧址' },
          { id: 'o3', label: '村委会二楼' },
        ],
      }),
    )
    mocked.listVoters.mockResolvedValue(voterPage(voters))
    mocked.recordInPersonBallot.mockResolvedValue({ ...ballot, choices: ['o1', 'o3'] })
    render(<MeetingPage />)
    fireEvent.click(await screen.findByText('林水生'))
    fireEvent.click(screen.getByText('老祠堂旁'))
    fireEvent.click(screen.getByText('村委会二楼'))
    fireEvent.click(screen.getByText('小学旧址'))
    expect(screen.getByText('最多选2项')).toBeTruthy()
    fireEvent.click(screen.getByText('确认登记'))
    await waitFor(() => expect(mocked.recordInPersonBallot).toHaveBeenCalledWith(expect.objectContaining({ choices: ['o1', 'o3'] })))
    expect(await screen.findByText('现场已登记 2 人')).toBeTruthy()
  })

  test('a closed topic cannot take meeting ballots; nothing is listed', async () => {
    mocked.getTopic.mockResolvedValue(detail({ status: 'closed', closesAt: NOW - DAY, closedAt: NOW - DAY }))
    render(<MeetingPage />)
    expect(await screen.findByText('投票已截止，不能再登记现场表决')).toBeTruthy()
    expect(mocked.listVoters).not.toHaveBeenCalled()
  })

  test('someone who is not on the committee is told so and nothing is loaded', () => {
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-henan' })
    render(<MeetingPage />)
    expect(screen.getByText('只有居委会成员可以登记现场表决')).toBeTruthy()
    expect(mocked.getTopic).not.toHaveBeenCalled()
  })
})
